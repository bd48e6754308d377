import 'server-only';
import { enqueueBatchPoll, enqueueBatchSubmit } from '../../jobs/enqueue';
import type { BatchJob } from '../../jobs/queues';
import { finalizeRun } from '../finalize-run';
import type { ChunkRuntime } from '../process-chunk';
import { BatchAbandoned, currentRun, providerCall, type BatchOptions } from './submit-batches';
import { ingestBatchFile } from './ingest-batch-file';

const TERMINAL = new Set(['completed', 'failed', 'expired', 'cancelled']);

/**
 * Poll job of a batch-mode run (it re-schedules itself while a batch is in flight; the batch ids are
 * in generation_batches, so a restarted worker just carries on). A finished batch's output and
 * error files are ingested idempotently. When no batch is in flight: pending prompts with
 * retryable errors or no answer go into another batch round, up to maxAttempts rounds; then they
 * fail with their last error.
 */
export async function pollBatches(job: BatchJob, rt: ChunkRuntime, opts: BatchOptions) {
  const run = await rt.getRun(job.runId);
  if (run && run.status === 'cancelled') return cancelInFlight(job, rt);
  const current = await currentRun(job, rt);
  if (!current) return;
  const { endpoint } = current;
  const client = rt.client(endpoint);
  try {
    const { rows } = await rt.pool.query<{ id: number; batch_id: string }>(
      'SELECT id, batch_id FROM generation_batches WHERE run_id = $1 AND batch_id IS NOT NULL AND ingested_at IS NULL ORDER BY id',
      [current.run.id],
    );
    let inFlight = 0;
    for (const row of rows) {
      const b = await providerCall(rt, current.run, endpoint, 'Checking the batch', () => client.batches.retrieve(row.batch_id));
      const errors = b.errors?.data?.map((d) => d.message).filter(Boolean).join('; ') || null;
      await rt.pool.query(
        `UPDATE generation_batches SET status = $2, completed_count = $3, failed_count = $4, output_file_id = $5, error_file_id = $6,
         error = COALESCE($7, error), updated_at = now() WHERE id = $1`,
        [row.id, b.status, b.request_counts?.completed ?? 0, b.request_counts?.failed ?? 0, b.output_file_id ?? null, b.error_file_id ?? null, errors],
      );
      if (!TERMINAL.has(b.status)) {
        inFlight++;
        continue;
      }
      for (const fileId of [b.output_file_id, b.error_file_id]) {
        if (!fileId) continue;
        const res = await providerCall(rt, current.run, endpoint, 'Downloading batch results', () => client.files.content(fileId));
        await ingestBatchFile(rt, current.run, endpoint, res);
      }
      await rt.writer.flush();
      await rt.pool.query('UPDATE generation_batches SET ingested_at = now() WHERE id = $1', [row.id]);
    }
    if (inFlight) return await enqueueBatchPoll(rt.pool, job, opts.pollSeconds);

    const pending = await rt.pool.query<{ prompt_id: number }>(`SELECT prompt_id FROM generation_run_prompts WHERE run_id = $1 AND status = 'pending'`, [current.run.id]);
    if (!pending.rowCount) {
      await finalizeRun(current.run.id);
      return;
    }
    const round = job.round ?? 0;
    if (round + 1 < current.run.params.maxAttempts) {
      await enqueueBatchSubmit(rt.pool, { ...job, round: round + 1 });
      return;
    }
    const last = await rt.pool.query<{ kind: string; last_message: string | null }>(
      'SELECT kind, last_message FROM generation_run_errors WHERE run_id = $1 ORDER BY updated_at DESC LIMIT 1',
      [current.run.id],
    );
    const failure = {
      kind: last.rows[0]?.kind ?? 'unknown',
      message: last.rows[0]?.last_message ?? `No answer for these samples after ${round + 1} batch rounds.`,
      attempts: round + 1,
    };
    await Promise.all(pending.rows.map((p) => rt.writer.write(current.run, { promptId: p.prompt_id, candidates: [], settled: true, failure }, null)));
    await finalizeRun(current.run.id);
  } catch (e) {
    if (e instanceof BatchAbandoned) return;
    throw e;
  }
}

/** A cancelled run's batches are cancelled at the provider too (best effort; results so far stay). */
async function cancelInFlight(job: BatchJob, rt: ChunkRuntime) {
  const run = await rt.getRun(job.runId);
  if (!run?.endpointId) return;
  const endpoint = await rt.getEndpoint(run.endpointId);
  if (!endpoint) return;
  const { rows } = await rt.pool.query<{ batch_id: string }>('SELECT batch_id FROM generation_batches WHERE run_id = $1 AND batch_id IS NOT NULL AND ingested_at IS NULL', [run.id]);
  for (const r of rows) await rt.client(endpoint).batches.cancel(r.batch_id).catch(() => {});
}
