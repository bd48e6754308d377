import 'server-only';
// The small reads behind the Insight page: evaluators, runs and prompt flags. The figures over
// candidates, scores and decisions come from the maintained summaries (query-summaries.ts) or a full
// recomputation (query-base.ts). Queries run in parallel on the pool.
import { timedRows as rows } from './query-types';

export interface EvaluatorRow { id: number; name: string; kind: string; role: string; weight: number; config: unknown }
export interface RunRow { id: number; kind: string; model: string | null; endpoint: string | null; costUsd: number; createdAt: Date; params: unknown }

export function queryEvaluators(datasetId: number) {
  return rows<EvaluatorRow>(
    `SELECT id, name, kind, role::text AS role, weight, config FROM evaluators WHERE dataset_id = $1 ORDER BY id`,
    [datasetId],
  );
}

export function queryRuns(datasetId: number) {
  return rows<RunRow>(
    `SELECT r.id, r.kind::text AS kind, r.model, e.name AS endpoint, r.cost_usd AS "costUsd", r.created_at AS "createdAt", r.params
       FROM generation_runs r LEFT JOIN endpoints e ON e.id = r.endpoint_id
      WHERE r.dataset_id = $1 ORDER BY r.id`,
    [datasetId],
  );
}

export async function queryPromptFlags(datasetId: number) {
  const [r] = await rows<{ inconsistent: number; prompts: number }>(
    `SELECT count(*) FILTER (WHERE 'pairwise-inconsistent' = ANY(flags))::int AS inconsistent, count(*)::int AS prompts
       FROM prompts WHERE dataset_id = $1`,
    [datasetId],
  );
  return r;
}
