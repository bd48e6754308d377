import 'server-only';
import type pg from 'pg';
import { bossDb, ensureQueue, getBoss } from './boss';
import { notifyWorkers } from './notify';
import { BATCH_POLL_QUEUE, BATCH_SUBMIT_QUEUE, chunkPrompts, generateQueue, type BatchJob, type ChunkJob } from './queues';

/**
 * Enqueues the prompts of a run as chunk jobs on the endpoint's queue. With `client` the jobs are
 * written in the caller's transaction (they exist only if the run does) and the wake-up is sent on
 * commit (`notify: false`: the caller sends it, later in the transaction). Returns the number of jobs.
 */
export async function enqueueChunks(
  client: pg.ClientBase,
  opts: { endpointId: number; runId: number; key: string; promptIds: number[]; requestsPerPrompt: number; notify?: boolean },
): Promise<number> {
  const name = generateQueue(opts.endpointId);
  await ensureQueue(name);
  const boss = await getBoss();
  const chunks = chunkPrompts(opts.promptIds, opts.requestsPerPrompt);
  for (let i = 0; i < chunks.length; i += 1000) {
    // Due a second ago (by the database's clock), so that a fetch in this same transaction sees them:
    // pg-boss fetches start_after < now(), and now() is the transaction's start (claimFirstJobs).
    const jobs = chunks.slice(i, i + 1000).map((promptIds) => ({ name, data: { runId: opts.runId, key: opts.key, promptIds } satisfies ChunkJob, startAfter: '-1 second' }));
    await boss.insert(jobs, { db: bossDb(client) });
  }
  if (chunks.length && opts.notify !== false) await notifyWorkers({ type: 'jobs', endpointId: opts.endpointId }, client);
  return chunks.length;
}

export async function enqueueBatchSubmit(client: pg.ClientBase | pg.Pool, job: BatchJob) {
  await ensureQueue(BATCH_SUBMIT_QUEUE);
  const boss = await getBoss();
  await boss.insert([{ name: BATCH_SUBMIT_QUEUE, data: job }], { db: bossDb(client) });
  await notifyWorkers({ type: 'jobs', endpointId: 0 }, client);
}

/** The next poll of a run's batches, `afterSeconds` from now (deduplicated per run while queued). */
export async function enqueueBatchPoll(client: pg.ClientBase | pg.Pool, job: BatchJob, afterSeconds: number) {
  await ensureQueue(BATCH_POLL_QUEUE, 'short');
  const boss = await getBoss();
  const startAfter = `${Math.max(0, afterSeconds)} seconds`;
  await boss.insert([{ name: BATCH_POLL_QUEUE, data: job, singletonKey: `run-${job.runId}`, startAfter }], { db: bossDb(client) });
}
