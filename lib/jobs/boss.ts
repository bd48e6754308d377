import 'server-only';
import PgBoss from 'pg-boss';
import type pg from 'pg';
import { pgPool } from '../db/pool';
import { withTransaction } from '../db/with-transaction';

// One pg-boss instance per process (web app, `npm run worker`, CLI), created on first use. Winnow
// drives it with fetch()/complete()/fail() rather than work(): work() waits a full polling interval
// after every batch, which caps a worker at batchSize / 0.5 s (measured: 127 jobs/s with 64 workers).
// Its tables live in the `pgboss` schema of Winnow's database, created by start().

const globalForBoss = globalThis as unknown as { winnowBoss?: Promise<PgBoss> };

/** Queue options: job-level retries only cover crashes and database errors (requests retry on their own). */
export const QUEUE_DEFAULTS = { retryLimit: 100, retryDelay: 2, retryBackoff: true, expireInSeconds: 30 * 60 } as const;

async function create(): Promise<PgBoss> {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL is not set');
  const boss = new PgBoss({
    connectionString,
    max: Number(process.env.WINNOW_QUEUE_POOL ?? 4),
    application_name: 'winnow-queue',
    schedule: false,
    // Maintenance (expiring jobs whose worker vanished without a claim, archiving) runs in any one
    // process at a time; pg-boss coordinates that with an advisory lock.
    supervise: true,
    maintenanceIntervalSeconds: 60,
  });
  boss.on('error', (e: Error) => {
    if (process.env.WINNOW_DEBUG) console.error('pg-boss:', e);
  });
  await boss.start();
  return boss;
}

export function getBoss(): Promise<PgBoss> {
  globalForBoss.winnowBoss ??= create().catch((e) => {
    globalForBoss.winnowBoss = undefined;
    throw e;
  });
  return globalForBoss.winnowBoss;
}

export async function stopBoss() {
  const pending = globalForBoss.winnowBoss;
  globalForBoss.winnowBoss = undefined;
  knownQueues.clear();
  if (!pending) return;
  const boss = await pending.catch(() => null);
  await boss?.stop({ graceful: false, wait: true, close: true });
}

const knownQueues = new Map<string, Promise<void>>();

/**
 * Creates the queue if it does not exist (pg-boss silently drops jobs sent to a missing queue).
 * pg-boss 10's create_queue deadlocks when two connections create queues at once, even different
 * ones (seen: 40P01 on its ALTER TABLE … ADD CONSTRAINT … REFERENCES pgboss.queue), so creation is
 * serialised by one advisory lock across processes and by a shared promise within one.
 */
export function ensureQueue(name: string, policy: 'standard' | 'short' = 'standard'): Promise<void> {
  let p = knownQueues.get(name);
  if (!p) {
    p = createQueueOnce(name, policy).catch((e) => {
      knownQueues.delete(name);
      throw e;
    });
    knownQueues.set(name, p);
  }
  return p;
}

async function createQueueOnce(name: string, policy: 'standard' | 'short') {
  const boss = await getBoss();
  if (await boss.getQueue(name)) return;
  const client = await pgPool().connect();
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext('winnow-create-queue'))`);
    if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, policy, ...QUEUE_DEFAULTS });
  } finally {
    await client.query(`SELECT pg_advisory_unlock(hashtext('winnow-create-queue'))`).catch(() => {});
    client.release();
  }
}

/** pg-boss's way to run its statements on our connection, e.g. inside our transaction. */
export function bossDb(client: pg.ClientBase | pg.Pool): PgBoss.Db {
  return { executeSql: (text, values) => client.query(text, values) };
}

type IdsCall = (name: string, ids: string[], data: object | null, options: PgBoss.ConnectionOptions) => Promise<unknown>;

/**
 * complete()/fail() for many ids. pg-boss reads the third argument as the job's output whatever the
 * typings say, so the connection option must go fourth (else it silently uses its own pool).
 */
export async function completeJobs(queue: string, ids: string[], db?: PgBoss.Db) {
  const boss = await getBoss();
  await (boss.complete as unknown as IdsCall).call(boss, queue, ids, null, db ? { db } : {});
}

/** Fails jobs into pg-boss's retry state (they are fetched again after the queue's retry delay). */
export async function failJobs(queue: string, ids: string[], message: string, db?: PgBoss.Db) {
  const boss = await getBoss();
  await (boss.fail as unknown as IdsCall).call(boss, queue, ids, { message }, db ? { db } : {});
}

/**
 * Records a worker's claim on fetched jobs (an array of ids), so a dead worker's jobs can be handed
 * back. Takes the SQL of its parameters (e.g. '$1'): claim-first-jobs.ts runs it inside a larger statement.
 */
export function claimJobsSql(p: { ids: string; queue: string; worker: string }) {
  return `INSERT INTO generation_job_claims (job_id, queue, worker_id) SELECT unnest(${p.ids}::uuid[]), ${p.queue}, ${p.worker}
   ON CONFLICT (job_id) DO UPDATE SET worker_id = excluded.worker_id, claimed_at = now()`;
}

/** Forgets the claims on these jobs (done, failed or handed back). */
export async function dropClaims(pool: pg.Pool, ids: string[]) {
  await pool.query('DELETE FROM generation_job_claims WHERE job_id = ANY($1::uuid[])', [ids]);
}

/**
 * Fetches jobs and records `workerId`'s claim on them in one transaction: a worker killed at any
 * moment either holds a claim (handed back by sweepDeadWorkers) or never took the jobs at all.
 * (Fetch and claim as two statements left jobs 'active' with no claim until pg-boss's expiry.)
 */
export async function fetchAndClaim<T extends object>(pool: pg.Pool, queue: string, batchSize: number, workerId: string): Promise<PgBoss.Job<T>[]> {
  const boss = await getBoss();
  return withTransaction(async (client) => {
    const jobs = await boss.fetch<T>(queue, { batchSize, db: bossDb(client) });
    if (jobs.length) {
      await client.query(claimJobsSql({ ids: '$1', queue: '$2', worker: '$3' }), [jobs.map((j) => j.id), queue, workerId]);
    }
    return jobs;
  }, pool);
}
