import 'server-only';
import type PgBoss from 'pg-boss';
import type pg from 'pg';
import type { EndpointConfig } from '../generation/endpoint-config';
import type { RunInfo } from '../generation/process-chunk';
import { bossDb, claimJobsSql, getBoss } from './boss';
import type { ChunkJob } from './queues';
import { leaseFreeSlotsSql } from '../generation/lease-sql';

/**
 * The first jobs of a new run, claimed for the worker of the process that creates the run, inside
 * the creating transaction, with everything they need: the run, its endpoint, the prompts' messages
 * and the endpoint slots leased for them. Once the transaction commits the worker starts their
 * requests at once, with no round trip to the database (GenerationWorker.adoptFirstJobs); if it
 * rolls back, none of it happened.
 */
export interface FirstJobs {
  queue: string;
  run: RunInfo;
  endpoint: EndpointConfig;
  jobs: PgBoss.Job<ChunkJob>[];
  /** Messages of the prompts of `run`'s claimed jobs. */
  messages: Map<number, unknown>;
  slots: number[];
  /** The statement created the endpoint's slot rows 0..max-1 (null: it did not need to). */
  slotRows: { max: number } | null;
}

export interface ClaimFirstJobsOptions {
  workerId: string;
  queue: string;
  run: RunInfo;
  endpoint: EndpointConfig;
  /** Jobs to fetch. */
  batchSize: number;
  /** Slots to lease, and on what terms (EndpointSlots.leaseTerms). */
  slots: { want: number; max: number; rowsMissing: boolean; leaseMs: number };
}

/**
 * Fetches up to `batchSize` jobs of the queue and, in the same transaction (the caller's `client`),
 * records the worker's claim on them, marks the run running, leases the slots and reads the
 * prompts: two statements in all. Null when the queue had nothing (another worker was quicker).
 */
export async function claimFirstJobs(client: pg.ClientBase, o: ClaimFirstJobsOptions): Promise<FirstJobs | null> {
  const boss = await getBoss();
  const jobs = await boss.fetch<ChunkJob>(o.queue, { batchSize: o.batchSize, db: bossDb(client) });
  if (!jobs.length) return null;
  const promptIds = jobs.filter((j) => j.data.runId === o.run.id).flatMap((j) => j.data.promptIds);
  // The statements of fetchAndClaim, the first chunk's status update and EndpointSlots.refill
  // (whose slot rows, if they may be missing, are created here with the first `want` leased to us;
  // the UPDATE cannot see those, and the INSERT skips the rows it could: together they may lease
  // more than `want`, and EndpointSlots.adopt gives any excess back).
  const { rows } = await client.query<{ slots: number[] | null; prompts: Array<{ id: number; messages: unknown }> | null }>(
    `WITH claims AS (
       ${claimJobsSql({ ids: '$1', queue: '$2', worker: '$3' })}
     ), started AS (
       UPDATE generation_runs SET status = 'running', started_at = COALESCE(started_at, now()) WHERE id = $4 AND status = 'queued'
     ), created AS (
       INSERT INTO endpoint_leases (endpoint_id, slot, worker_id, expires_at)
       SELECT $5, g, CASE WHEN g < $7::int THEN $3 END, CASE WHEN g < $7::int THEN now() + $8 * interval '1 millisecond' END
       FROM generate_series(0, $6::int - 1) g WHERE $10::boolean
       ON CONFLICT DO NOTHING
       RETURNING slot, worker_id
     ), updated AS (
       ${leaseFreeSlotsSql({ endpoint: '$5', max: '$6', worker: '$3', limit: '$7::int', leaseMs: '$8' })}
     ), leased AS (
       SELECT slot FROM updated UNION ALL SELECT slot FROM created WHERE worker_id IS NOT NULL
     )
     SELECT (SELECT array_agg(slot) FROM leased) AS slots,
            (SELECT json_agg(json_build_object('id', p.id, 'messages', p.messages)) FROM prompts p WHERE p.id = ANY($9::int[])) AS prompts`,
    [jobs.map((j) => j.id), o.queue, o.workerId, o.run.id, o.endpoint.id, o.slots.max, Math.max(0, o.slots.want), o.slots.leaseMs, promptIds, o.slots.rowsMissing],
  );
  const r = rows[0]!;
  return {
    queue: o.queue,
    run: { ...o.run, status: 'running' },
    endpoint: o.endpoint,
    jobs,
    messages: new Map((r.prompts ?? []).map((p) => [p.id, p.messages])),
    slots: r.slots ?? [],
    slotRows: o.slots.rowsMissing ? { max: o.slots.max } : null,
  };
}
