import 'server-only';
import { hashContent } from '../candidates/hash-content';
import { pgPool } from '../db/pool';

export interface CandidateRow {
  promptId: number;
  sampleIndex: number;
  content: string;
  model: string | null;
  finishReason: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
  latencyMs: number | null;
  costUsd: number | null;
}

export interface PromptFailure {
  kind: string;
  message: string;
  attempts: number;
}

/**
 * What became of one prompt. `settled`: every sample is now either written or failed for good, so
 * the prompt leaves `pending` (done when nothing failed, else failed with `failure`). Unsettled
 * outcomes (a cancelled or interrupted prompt) only write the candidates they have.
 */
export interface PromptOutcome {
  promptId: number;
  candidates: CandidateRow[];
  settled: boolean;
  failure: PromptFailure | null;
}

export interface TallyDelta {
  kind: string;
  retries: number;
  failures: number;
  lastMessage: string | null;
}

export interface WriteResult {
  inserted: number;
  /** Every prompt of the run is done or failed (and the run was queued or running). */
  runSettled: boolean;
}

/**
 * Writes one run's results in ONE statement (so one transaction): the candidates (ON CONFLICT DO
 * NOTHING on (run, prompt, sample), so a retried job writes nothing twice), the prompts' transition
 * out of `pending`, the error tally, and the run's counters. Counters grow only by rows this
 * statement actually inserted and prompts it actually moved (row locks make the `status =
 * 'pending'` test exact under concurrency), so they stay exact across retries and kill -9.
 */
export async function writeRunResults(opts: { runId: number; datasetId: number; outcomes: PromptOutcome[]; tally: TallyDelta[]; model: string | null }): Promise<WriteResult> {
  const rows = opts.outcomes.flatMap((o) => o.candidates);
  const done = opts.outcomes.filter((o) => o.settled && !o.failure).map((o) => o.promptId);
  const failed = opts.outcomes.filter((o) => o.settled && o.failure);
  const col = <T>(f: (r: CandidateRow) => T) => rows.map(f);
  // A named statement: each pooled connection parses it once (it runs hundreds of times per run).
  const { rows: out } = await pgPool().query<{ done_prompts: number; failed_prompts: number; total_prompts: number; status: string; inserted: number }>({
    name: 'winnow-write-run-results',
    text: `WITH ins AS (
       INSERT INTO candidates (dataset_id, run_id, prompt_id, sample_index, content, model, finish_reason,
                               prompt_tokens, completion_tokens, latency_ms, cost_usd, content_hash)
       SELECT $2, $1, * FROM unnest($3::int[], $4::int[], $5::text[], $6::text[], $7::text[], $8::int[], $9::int[], $10::int[], $11::float8[], $12::text[])
       ON CONFLICT (run_id, prompt_id, sample_index) DO NOTHING
       RETURNING prompt_tokens, completion_tokens, cost_usd
     ), done AS (
       UPDATE generation_run_prompts SET status = 'done', error_kind = NULL, error = NULL, updated_at = now()
       WHERE run_id = $1 AND prompt_id = ANY($13::int[]) AND status = 'pending'
       RETURNING 1
     ), failed AS (
       UPDATE generation_run_prompts rp SET status = 'failed', error_kind = f.kind, error = f.message, attempts = f.attempts, updated_at = now()
       FROM unnest($14::int[], $15::text[], $16::text[], $17::int[]) AS f(prompt_id, kind, message, attempts)
       WHERE rp.run_id = $1 AND rp.prompt_id = f.prompt_id AND rp.status = 'pending'
       RETURNING 1
     ), tally AS (
       INSERT INTO generation_run_errors AS t (run_id, kind, retries, failures, last_message)
       SELECT $1, * FROM unnest($18::text[], $19::int[], $20::int[], $21::text[])
       ON CONFLICT (run_id, kind) DO UPDATE SET retries = t.retries + excluded.retries, failures = t.failures + excluded.failures,
         last_message = COALESCE(excluded.last_message, t.last_message), updated_at = now()
       RETURNING 1
     ), sums AS (
       SELECT count(*)::int AS n, COALESCE(sum(prompt_tokens), 0)::bigint AS pt, COALESCE(sum(completion_tokens), 0)::bigint AS ct,
              COALESCE(sum(cost_usd), 0)::float8 AS cost,
              (SELECT count(*) FROM done)::int AS d, (SELECT count(*) FROM failed)::int AS f, (SELECT count(*) FROM tally)::int AS t
       FROM ins
     )
     UPDATE generation_runs r SET
       candidate_count = r.candidate_count + s.n, prompt_tokens = r.prompt_tokens + s.pt,
       completion_tokens = r.completion_tokens + s.ct, cost_usd = r.cost_usd + s.cost,
       done_prompts = r.done_prompts + s.d, failed_prompts = r.failed_prompts + s.f,
       model = COALESCE(r.model, $22)
     FROM sums s WHERE r.id = $1
     RETURNING r.done_prompts, r.failed_prompts, r.total_prompts, r.status, s.n AS inserted`,
    values: [
      opts.runId,
      opts.datasetId,
      col((r) => r.promptId),
      col((r) => r.sampleIndex),
      col((r) => r.content),
      col((r) => r.model),
      col((r) => r.finishReason),
      col((r) => r.promptTokens),
      col((r) => r.completionTokens),
      col((r) => r.latencyMs),
      col((r) => r.costUsd),
      col((r) => hashContent(r.content)),
      done,
      failed.map((o) => o.promptId),
      failed.map((o) => o.failure!.kind),
      failed.map((o) => o.failure!.message),
      failed.map((o) => o.failure!.attempts),
      opts.tally.map((t) => t.kind),
      opts.tally.map((t) => t.retries),
      opts.tally.map((t) => t.failures),
      opts.tally.map((t) => t.lastMessage),
      opts.model,
    ],
  });
  const r = out[0];
  if (!r) return { inserted: 0, runSettled: false };
  const live = r.status === 'queued' || r.status === 'running';
  return { inserted: r.inserted, runSettled: live && r.done_prompts + r.failed_prompts >= r.total_prompts };
}
