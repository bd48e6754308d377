import 'server-only';
import type pg from 'pg';

/**
 * Prompts of the dataset with a candidate that lacks this evaluator's score (or whose score errored).
 * A score whose raw number is kept (raw_value) counts as done even when normalising it failed:
 * asking the model again would give the same number — a normalize change re-normalises it instead.
 */
export async function findUnscoredPrompts(db: pg.Pool | pg.ClientBase, datasetId: number, evaluatorId: number): Promise<number[]> {
  const { rows } = await db.query<{ prompt_id: number }>(
    `SELECT p.id AS prompt_id FROM prompts p
     WHERE p.dataset_id = $1
       AND EXISTS (SELECT 1 FROM candidates c WHERE c.prompt_id = p.id
                     AND NOT EXISTS (SELECT 1 FROM scores s WHERE s.candidate_id = c.id AND s.evaluator_id = $2 AND (s.error IS NULL OR s.raw_value IS NOT NULL)))
     ORDER BY p.id`,
    [datasetId, evaluatorId],
  );
  return rows.map((r) => r.prompt_id);
}

export interface EvaluatorRow {
  id: number;
  datasetId: number;
  name: string;
  kind: string;
  config: unknown;
  /** md5 of config::text — the job version. */
  version: string;
}

export async function loadEvaluators(db: pg.Pool | pg.ClientBase, datasetId: number, ids?: number[]): Promise<EvaluatorRow[]> {
  const { rows } = await db.query<EvaluatorRow>(
    `SELECT id, dataset_id AS "datasetId", name, kind, config, md5(config::text) AS version FROM evaluators
     WHERE dataset_id = $1 ${ids ? 'AND id = ANY($2::int[])' : ''} ORDER BY id`,
    ids ? [datasetId, ids] : [datasetId],
  );
  return rows;
}
