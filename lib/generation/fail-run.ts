import 'server-only';
import { randomUUID } from 'node:crypto';
import { pgPool } from '../db/pool';
import { notifyWorkers } from '../jobs/notify';

/**
 * Ends a live run as failed with `message` (e.g. the endpoint refused the key): its queued jobs are
 * dropped (new job key) and workers abort its requests. Pending prompts stay pending, so
 * `resumeRun` carries on once the cause is fixed.
 */
export async function failRun(runId: number, message: string): Promise<boolean> {
  const pool = pgPool();
  const res = await pool.query(
    `UPDATE generation_runs SET status = 'failed', error = $2, finished_at = now(), job_key = $3
     WHERE id = $1 AND status IN ('queued', 'running')`,
    [runId, message.slice(0, 1000), randomUUID()],
  );
  if (res.rowCount) await notifyWorkers({ type: 'run', runId }).catch(() => {});
  return (res.rowCount ?? 0) > 0;
}
