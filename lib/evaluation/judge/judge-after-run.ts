import 'server-only';
import { pgPool } from '../../db/pool';
import { startJudge, type StartJudgeResult } from './start-judge';

/**
 * Queues the dataset's evaluators for the candidates a generation run just wrote, so new samples
 * arrive scored without a separate "Run evaluators". Nothing happens for a dataset without
 * evaluators (and pg-boss is not even touched then).
 */
export async function judgeAfterRun(runId: number): Promise<StartJudgeResult | null> {
  const { rows } = await pgPool().query<{ dataset_id: number }>(
    `SELECT r.dataset_id FROM generation_runs r
     WHERE r.id = $1 AND r.kind = 'generate' AND EXISTS (SELECT 1 FROM evaluators e WHERE e.dataset_id = r.dataset_id)`,
    [runId],
  );
  return rows[0] ? startJudge(rows[0].dataset_id) : null;
}
