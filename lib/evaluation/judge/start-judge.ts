import 'server-only';
import { pgPool } from '../../db/pool';
import { ensureQueue, getBoss } from '../../jobs/boss';
import { notifyWorkers } from '../../jobs/notify';
import { getEvaluatorDefinition } from '../evaluators/registry';
import { findUnscoredPrompts, loadEvaluators } from './find-unscored';
import { chunk, JUDGE_QUEUE, type JudgeJob } from './queue';

export interface StartJudgeResult {
  jobs: number;
  evaluators: { id: number; name: string; kind: string; prompts: number; jobs: number; note?: string }[];
}

/** Prompts already covered by queued or running jobs of this evaluator version. */
async function queuedPrompts(evaluatorId: number, version: string): Promise<Set<number>> {
  const { rows } = await pgPool().query<{ id: number }>(
    `SELECT DISTINCT jsonb_array_elements_text(data->'promptIds')::int AS id FROM pgboss.job
     WHERE name = $1 AND state IN ('created', 'retry', 'active') AND (data->>'evaluatorId')::int = $2 AND data->>'version' = $3`,
    [JUDGE_QUEUE, evaluatorId, version],
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * Queues durable judge jobs (pg-boss, queue `winnow-judge`) for every (prompt chunk × evaluator)
 * where a candidate lacks that evaluator's score (or its score errored). Prompts already covered by
 * a queued or running job are skipped, so calling it twice does not double the work. Workers (the
 * app's, `npm run worker`, `judge --wait`) process them.
 */
export async function startJudge(datasetId: number, opts: { evaluatorIds?: number[] } = {}): Promise<StartJudgeResult> {
  const pool = pgPool();
  const evaluators = await loadEvaluators(pool, datasetId, opts.evaluatorIds);
  await ensureQueue(JUDGE_QUEUE);
  const boss = await getBoss();
  const out: StartJudgeResult = { jobs: 0, evaluators: [] };
  for (const e of evaluators) {
    const def = getEvaluatorDefinition(e.kind);
    if (!def) {
      out.evaluators.push({ id: e.id, name: e.name, kind: e.kind, prompts: 0, jobs: 0, note: `kind "${e.kind}" is not available in this version` });
      continue;
    }
    const queued = await queuedPrompts(e.id, e.version);
    const prompts = (await findUnscoredPrompts(pool, datasetId, e.id)).filter((id) => !queued.has(id));
    const chunks = chunk(prompts, def.promptsPerJob);
    for (let i = 0; i < chunks.length; i += 1000) {
      await boss.insert(
        chunks.slice(i, i + 1000).map((promptIds) => ({
          name: JUDGE_QUEUE,
          data: { datasetId, evaluatorId: e.id, version: e.version, promptIds } satisfies JudgeJob,
        })),
      );
    }
    out.jobs += chunks.length;
    out.evaluators.push({ id: e.id, name: e.name, kind: e.kind, prompts: prompts.length, jobs: chunks.length });
  }
  if (out.jobs) await notifyWorkers({ type: 'jobs', endpointId: 0 }).catch(() => {});
  return out;
}
