import 'server-only';
import { pgPool } from '../db/pool';
import { RUN_COLUMNS, toSummary, type RunRow } from './get-run-progress';
import type { RunSummaryDto } from './run-dto';

/** Generation runs of a dataset, newest first (imports are runs too, kind = import, and are left out). */
export async function listRuns(datasetId: number, opts: { limit?: number } = {}): Promise<RunSummaryDto[]> {
  const { rows } = await pgPool().query<RunRow>(
    `SELECT ${RUN_COLUMNS} FROM generation_runs r LEFT JOIN endpoints e ON e.id = r.endpoint_id
     WHERE r.dataset_id = $1 AND r.kind = 'generate' ORDER BY r.id DESC LIMIT $2`,
    [datasetId, opts.limit ?? 100],
  );
  return rows.map(toSummary);
}
