import 'server-only';
import os from 'node:os';
import type pg from 'pg';
import { bossDb, failJobs } from './boss';

/** How often a worker says it is alive, and after how long without that it is taken for dead. */
export const HEARTBEAT_MS = Number(process.env.WINNOW_WORKER_HEARTBEAT_MS ?? 2000);
export const STALE_MS = Number(process.env.WINNOW_WORKER_STALE_MS ?? 15_000);
/** Slot leases outlive a missed heartbeat or two, not a dead worker. */
export const LEASE_MS = Number(process.env.WINNOW_LEASE_MS ?? Math.max(3 * HEARTBEAT_MS, 10_000));

export async function registerWorker(pool: pg.Pool, id: string, concurrency: number) {
  await pool.query(
    `INSERT INTO generation_workers (id, hostname, pid, concurrency) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET heartbeat_at = now()`,
    [id, os.hostname(), process.pid, concurrency],
  );
}

/**
 * One heartbeat: refresh our row (re-created if a peer took us for dead during a long stall) and
 * extend our slot leases. Returns the slots still ours, by endpoint, and how many other workers
 * are alive (none: nobody to take fairness turns for).
 */
export async function beat(pool: pg.Pool, id: string, concurrency: number): Promise<{ slots: Map<number, Set<number>>; peers: number }> {
  const alive = await pool.query<{ peers: number }>(
    `UPDATE generation_workers SET heartbeat_at = now() WHERE id = $1
     RETURNING (SELECT count(*)::int FROM generation_workers w WHERE w.id <> $1 AND w.heartbeat_at > now() - $2 * interval '1 millisecond') AS peers`,
    [id, STALE_MS],
  );
  if (!alive.rowCount) await registerWorker(pool, id, concurrency);
  // Re-registered after a stall: count the others as alive (turns on) until the next beat says.
  const peers = alive.rows[0]?.peers ?? 1;
  const { rows } = await pool.query<{ endpoint_id: number; slot: number }>(
    // Rows locked in (endpoint, slot) order, as EndpointSlots releases them: two statements of one
    // worker over its own leases (this renewal, a batched release) must not deadlock.
    `UPDATE endpoint_leases l SET expires_at = now() + $2 * interval '1 millisecond'
     FROM (SELECT endpoint_id, slot FROM endpoint_leases WHERE worker_id = $1 ORDER BY endpoint_id, slot FOR UPDATE) o
     WHERE l.endpoint_id = o.endpoint_id AND l.slot = o.slot AND l.worker_id = $1
     RETURNING l.endpoint_id, l.slot`,
    [id, LEASE_MS],
  );
  const out = new Map<number, Set<number>>();
  for (const r of rows) {
    if (!out.has(r.endpoint_id)) out.set(r.endpoint_id, new Set());
    out.get(r.endpoint_id)!.add(r.slot);
  }
  return { slots: out, peers };
}

/**
 * Hands back the work of dead workers, in one transaction: their rows go, their slots are freed,
 * and the queue jobs they had claimed are failed into pg-boss's `retry` state (picked up again at
 * once), instead of waiting for pg-boss's own expiry. Returns how many jobs were handed back.
 */
export async function sweepDeadWorkers(pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const dead = await client.query<{ id: string }>(
      `DELETE FROM generation_workers WHERE heartbeat_at < now() - $1 * interval '1 millisecond' RETURNING id`,
      [STALE_MS],
    );
    if (dead.rowCount) {
      await client.query('UPDATE endpoint_leases SET worker_id = NULL, expires_at = NULL WHERE worker_id = ANY($1::text[])', [dead.rows.map((r) => r.id)]);
    }
    const orphans = await client.query<{ job_id: string; queue: string }>(
      `DELETE FROM generation_job_claims c WHERE NOT EXISTS (SELECT 1 FROM generation_workers w WHERE w.id = c.worker_id)
       RETURNING job_id, queue`,
    );
    if (orphans.rowCount) {
      const byQueue = new Map<string, string[]>();
      for (const o of orphans.rows) byQueue.set(o.queue, [...(byQueue.get(o.queue) ?? []), o.job_id]);
      for (const [queue, ids] of byQueue) await failJobs(queue, ids, 'worker died', bossDb(client));
    }
    await client.query('COMMIT');
    return orphans.rowCount ?? 0;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}

/** Workers seen alive recently (the web app's, `npm run worker`s, a CLI's --wait). */
export async function liveWorkerCount(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM generation_workers WHERE heartbeat_at > now() - $1 * interval '1 millisecond'`,
    [STALE_MS],
  );
  return rows[0]?.n ?? 0;
}
