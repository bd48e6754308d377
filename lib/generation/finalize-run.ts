import 'server-only';
import { pgPool } from '../db/pool';
import { CHANNEL } from '../jobs/notify';
import { judgeAfterRun } from '../evaluation/judge/judge-after-run';

/**
 * Closes a run whose prompts are all done or failed: completed when nothing failed, else failed
 * with a one-line reason, its prompt counters recomputed from the prompt rows. Then, once closed,
 * the candidate counters (count, tokens, cost) are recomputed from the candidate rows too: the
 * incremental counters are exact by construction, and this makes that a fact rather than a
 * promise. (A second statement, so that closing does not wait for a pass over every candidate.)
 * Idempotent; does nothing while a prompt is pending or once the run is finished.
 * Returns the new status, or null when nothing changed. A closed run's candidates are queued for
 * the dataset's evaluators. Closing NOTIFYs {type: 'run', runId}, so waiters need not poll.
 */
export async function finalizeRun(runId: number): Promise<'completed' | 'failed' | null> {
  const pool = pgPool();
  const { rows } = await pool.query<{ status: 'completed' | 'failed' }>(
    `WITH p AS (
       SELECT count(*) FILTER (WHERE status = 'done')::int AS d, count(*) FILTER (WHERE status = 'failed')::int AS f,
              count(*) FILTER (WHERE status = 'pending')::int AS pending, count(*)::int AS total
       FROM generation_run_prompts WHERE run_id = $1
     ), k AS (
       SELECT string_agg(error_kind || ' ×' || cnt, ', ' ORDER BY cnt DESC, error_kind) AS kinds,
              (array_agg(msg ORDER BY cnt DESC, error_kind))[1] AS msg
       FROM (SELECT COALESCE(error_kind, 'unknown') AS error_kind, count(*) AS cnt, max(error) AS msg
             FROM generation_run_prompts WHERE run_id = $1 AND status = 'failed' GROUP BY 1) x
     )
     UPDATE generation_runs r SET
       done_prompts = p.d, failed_prompts = p.f, total_prompts = p.total,
       status = (CASE WHEN p.f > 0 THEN 'failed' ELSE 'completed' END)::"RunStatus",
       error = CASE WHEN p.f > 0 THEN
         format('%s of %s prompts failed (%s)%s. Retry them with "Retry failed" or: runs retry-failed %s',
                p.f, p.total, k.kinds, CASE WHEN k.msg IS NULL THEN '' ELSE ': ' || rtrim(left(k.msg, 300), '.') END, r.id)
         ELSE NULL END,
       started_at = COALESCE(r.started_at, now()),
       finished_at = now()
     FROM p, k
     WHERE r.id = $1 AND r.status IN ('queued', 'running') AND p.pending = 0
     RETURNING r.status, pg_notify($2, json_build_object('type', 'run', 'runId', r.id)::text)`,
    [runId, CHANNEL],
  );
  const status = rows[0]?.status ?? null;
  if (!status) return null;
  // The run is closed (this call did it): its candidate counters from the rows, then its new
  // candidates go to the dataset's evaluators.
  await pool.query(
    `UPDATE generation_runs r SET candidate_count = c.n, prompt_tokens = c.pt, completion_tokens = c.ct, cost_usd = c.cost
     FROM (SELECT count(*)::int AS n, COALESCE(sum(prompt_tokens), 0)::bigint AS pt, COALESCE(sum(completion_tokens), 0)::bigint AS ct,
                  COALESCE(sum(cost_usd), 0)::float8 AS cost
           -- Through the run's prompts: candidates are indexed by (prompt_id, run_id, sample_index).
           FROM generation_run_prompts rp JOIN candidates c ON c.prompt_id = rp.prompt_id AND c.run_id = rp.run_id WHERE rp.run_id = $1) c
     WHERE r.id = $1`,
    [runId],
  );
  await judgeAfterRun(runId).catch((e: unknown) => console.error(`[winnow] judging run ${runId}'s candidates: ${(e as Error).message}`));
  return status;
}
