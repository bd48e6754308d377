import 'server-only';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { pgPool } from '../db/pool';
import { enqueueBatchSubmit, enqueueChunks } from '../jobs/enqueue';
import { notifyWorkers } from '../jobs/notify';
import { RunError } from './errors';
import { finalizeRun } from './finalize-run';
import { getRunProgress } from './get-run-progress';
import type { RunProgressDto } from './run-dto';
import { readRunParams } from './schemas';
import { withTransaction } from '../db/with-transaction';

// Cancel, resume and retry change the run's job key: jobs queued under the old key are dropped when
// a worker fetches them, and workers abort requests of the old key (NOTIFY, else within a second).
// So "what is queued" never has to be found and deleted in the queue: the run's own rows say what is
// left to do, and resume/retry enqueue exactly that.

interface LockedRun {
  id: number;
  status: string;
  endpoint_id: number | null;
  params: unknown;
  supports_n: boolean | null;
}

async function lockRun(client: pg.ClientBase, runId: number): Promise<LockedRun> {
  const { rows } = await client.query<LockedRun>(
    `SELECT r.id, r.status, r.endpoint_id, r.params, e.supports_n
     FROM generation_runs r LEFT JOIN endpoints e ON e.id = r.endpoint_id
     WHERE r.id = $1 AND r.kind = 'generate' FOR UPDATE OF r`,
    [runId],
  );
  if (!rows[0]) throw new RunError(`No generation run with id ${runId}.`);
  return rows[0];
}

export async function cancelRun(runId: number): Promise<RunProgressDto> {
  await withTransaction(async (client) => {
    const run = await lockRun(client, runId);
    if (run.status !== 'queued' && run.status !== 'running') throw new RunError(`Run ${runId} is ${run.status}; only a queued or running run can be cancelled.`);
    await client.query(`UPDATE generation_runs SET status = 'cancelled', finished_at = now(), job_key = $2 WHERE id = $1`, [runId, randomUUID()]);
    await notifyWorkers({ type: 'run', runId }, client);
  });
  return (await getRunProgress(runId))!;
}

/** Re-queues everything not done yet of a cancelled or failed run (or of a run that looks stuck). */
export async function resumeRun(runId: number): Promise<RunProgressDto> {
  await requeue(runId, { retryFailed: false });
  return (await getRunProgress(runId))!;
}

/** Puts the failed prompts of a finished run back to pending and runs them again (with whatever else is pending). */
export async function retryFailed(runId: number): Promise<RunProgressDto> {
  await requeue(runId, { retryFailed: true });
  return (await getRunProgress(runId))!;
}

async function requeue(runId: number, opts: { retryFailed: boolean }) {
  const settled = await withTransaction(async (client) => {
    const run = await lockRun(client, runId);
    if (run.endpoint_id === null) throw new RunError(`Run ${runId} has no endpoint any more (it was deleted).`);
    if (opts.retryFailed && (run.status === 'queued' || run.status === 'running'))
      throw new RunError(`Run ${runId} is still ${run.status}; retry its failed prompts once it has finished (or cancel it first).`);
    if (!opts.retryFailed && run.status === 'completed') throw new RunError(`Run ${runId} is already completed.`);
    if (opts.retryFailed) {
      const reset = await client.query(
        `UPDATE generation_run_prompts SET status = 'pending', error_kind = NULL, error = NULL, attempts = 0, updated_at = now()
         WHERE run_id = $1 AND status = 'failed'`,
        [runId],
      );
      if (!reset.rowCount) throw new RunError(`Run ${runId} has no failed prompts.`);
      await client.query('UPDATE generation_runs SET failed_prompts = failed_prompts - $2 WHERE id = $1', [runId, reset.rowCount]);
    }
    const key = randomUUID();
    await client.query(`UPDATE generation_runs SET status = 'queued', error = NULL, finished_at = NULL, job_key = $2 WHERE id = $1`, [runId, key]);
    const pending = await client.query<{ prompt_id: number }>(
      `SELECT prompt_id FROM generation_run_prompts WHERE run_id = $1 AND status = 'pending' ORDER BY prompt_id`,
      [runId],
    );
    const params = readRunParams(run.params);
    if (pending.rowCount) {
      if (params.batch) await enqueueBatchSubmit(client, { runId, key });
      else
        await enqueueChunks(client, {
          endpointId: run.endpoint_id,
          runId,
          key,
          promptIds: pending.rows.map((r) => r.prompt_id),
          requestsPerPrompt: run.supports_n === true ? 1 : params.n,
        });
    }
    await notifyWorkers({ type: 'run', runId }, client);
    return pending.rowCount === 0;
  });
  if (settled) await finalizeRun(runId);
}

/** The id of a run, for CLI arguments: a positive integer. */
export function parseRunId(value: string): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0) throw new RunError(`"${value}" is not a run id (a positive whole number).`);
  return id;
}

export async function runExists(runId: number): Promise<boolean> {
  const { rowCount } = await pgPool().query(`SELECT 1 FROM generation_runs WHERE id = $1 AND kind = 'generate'`, [runId]);
  return (rowCount ?? 0) > 0;
}
