import 'server-only';
import { pgPool } from '../db/pool';
import type { BoardEvaluator } from './types';

/** A dataset's evaluators, for the queue's "evaluator passed/failed" filter. */
export async function listReviewEvaluators(datasetId: number): Promise<BoardEvaluator[]> {
  const { rows } = await pgPool().query<BoardEvaluator>(`SELECT id, name, kind, role FROM evaluators WHERE dataset_id = $1 ORDER BY role, name`, [datasetId]);
  return rows;
}
