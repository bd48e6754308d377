import 'server-only';
import { pgPool } from '../../db/pool';
import { withTransaction } from '../../db/with-transaction';
import { bossDb, ensureQueue, getBoss } from '../../jobs/boss';
import { notifyWorkers } from '../../jobs/notify';
import { REDERIVE_LOCK_SPACE, rederiveDataset, type RederiveResult } from '../rederive-dataset';
import { renormalizeScores } from './renormalize-scores';

// Re-deriving a whole dataset's verdicts (after an evaluator or the policy changed) is a durable job
// on its own queue, run by the judge worker (judge-worker.ts), so a server action returns at once
// even at a million candidates. One job = re-normalise raw scores (imported, reward-model) with the
// current configs, then rederiveDataset. It reads the state when it runs, so it is idempotent and
// jobs coalesce: while one is still waiting for a worker, queueing another returns that one. Two
// never re-derive one dataset at the same time (rederiveDataset's advisory lock).

export const REDERIVE_QUEUE = 'winnow-rederive';
/** pg_advisory_xact_lock(space, datasetId) around "is one waiting? else queue one". */
const ENQUEUE_LOCK_SPACE = 0x57_52_51; // "WRQ"

export interface RederiveJob {
  datasetId: number;
  /** What asked for it (audit/debugging): 'evaluator.add', 'policy.update' … */
  reason: string;
}

export interface RederiveJobResult extends RederiveResult {
  /** Scores whose value was re-normalised from their raw value. */
  renormalized: number;
}

export interface QueuedRederive {
  queued: true;
  jobId: string;
  /** true: a job already waiting will do it (it reads the state when it runs). */
  coalesced: boolean;
}

/** The job's work, also run in-process by the CLI (`--wait`, the default there). */
export async function processRederiveJob(job: RederiveJob): Promise<RederiveJobResult | null> {
  const pool = pgPool();
  const { rowCount } = await pool.query('SELECT 1 FROM datasets WHERE id = $1', [job.datasetId]);
  if (!rowCount) return null; // deleted meanwhile: nothing to do
  const started = performance.now();
  // Under the dataset's re-derivation lock: a re-derivation running meanwhile (another job) moves the
  // histogram cells of the score values it read (rederive/summary-deltas.ts).
  const renormalized = await withTransaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1, $2)', [REDERIVE_LOCK_SPACE, job.datasetId]);
    return renormalizeScores(tx, job.datasetId);
  });
  const r = await rederiveDataset(job.datasetId);
  return { ...r, ms: Math.round(performance.now() - started), renormalized };
}

/** Queues a re-derivation of the dataset (or returns the one already waiting) and wakes the workers. */
export async function queueRederive(datasetId: number, reason: string): Promise<QueuedRederive> {
  await ensureQueue(REDERIVE_QUEUE);
  const boss = await getBoss();
  const out = await withTransaction(async (client): Promise<QueuedRederive> => {
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [ENQUEUE_LOCK_SPACE, datasetId]);
    const waiting = await client.query<{ id: string }>(
      `SELECT id FROM pgboss.job WHERE name = $1 AND state IN ('created', 'retry') AND (data->>'datasetId')::int = $2 ORDER BY created_on LIMIT 1`,
      [REDERIVE_QUEUE, datasetId],
    );
    if (waiting.rows[0]) return { queued: true, jobId: waiting.rows[0].id, coalesced: true };
    const id = await boss.send(REDERIVE_QUEUE, { datasetId, reason } satisfies RederiveJob, { db: bossDb(client), retryLimit: 3, retryDelay: 2 });
    if (!id) throw new Error('the re-derivation job was not queued');
    return { queued: true, jobId: id, coalesced: false };
  });
  if (!out.coalesced) await notifyWorkers({ type: 'jobs', endpointId: 0 }).catch(() => {});
  const { wakeJudgeWorker } = await import('./judge-worker');
  wakeJudgeWorker();
  return out;
}

export type RederiveMode = 'now' | 'queue';
/** What a change returns about its re-derivation: the result (mode 'now') or the queued job. */
export type RederiveOutcome<M extends RederiveMode> = M extends 'queue' ? QueuedRederive : RederiveJobResult;

/** Re-derives now (CLI, scripts, tests) or queues the job (the UI's server actions). */
export async function rederiveAfterChange<M extends RederiveMode>(datasetId: number, reason: string, mode: M): Promise<RederiveOutcome<M>> {
  if (mode === 'queue') return (await queueRederive(datasetId, reason)) as RederiveOutcome<M>;
  const r = await processRederiveJob({ datasetId, reason });
  if (!r) throw new Error(`no dataset with id ${datasetId}`);
  return r as RederiveOutcome<M>;
}
