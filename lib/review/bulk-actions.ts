import 'server-only';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { pgPool } from '../db/pool';
import { queueWhere, type Sql } from './queue-sql';
import type { Actor } from './record-decision';
import { BULK_LABELS, type BulkInput, type BulkKind, type DecisionAction, type QueueFilter } from './schemas';
import type { ReviewResult, Verdict } from './types';
import { writeDecisions, type DecisionWrite } from './write-decisions';
import { withTransaction } from '../db/with-transaction';

export const BULK_ACTION: Record<BulkKind, DecisionAction> = { 'approve-accepted': 'approve', 'reject-gate-failed': 'reject', reset: 'reset' };

/**
 * The candidates a bulk action would change, among the prompts of the filter. Curators' own
 * decisions are never overridden by approve/reject: only candidates without a decision qualify.
 */
export function bulkSelectionSql(datasetId: number, kind: BulkKind, filter: QueueFilter): Sql {
  const params: unknown[] = [];
  const where = queueWhere(datasetId, filter, params);
  const cond =
    kind === 'approve-accepted'
      ? `c.final_status = 'accepted'`
      : kind === 'reject-gate-failed'
        ? `d.id IS NULL AND EXISTS (SELECT 1 FROM scores s JOIN evaluators e ON e.id = s.evaluator_id WHERE s.candidate_id = c.id AND e.role = 'gate' AND s.passed = false)`
        : 'd.id IS NOT NULL';
  return {
    params,
    text: `SELECT c.id, c.prompt_id AS "promptId" FROM prompts p JOIN candidates c ON c.prompt_id = p.id LEFT JOIN decisions d ON d.candidate_id = c.id
      WHERE ${where} AND ${cond}`,
  };
}

export type BulkPreview = { kind: BulkKind; label: string; candidates: number; prompts: number };

/** How many candidates (and prompts) a bulk action would change now. */
export async function previewBulk(datasetId: number, kind: BulkKind, filter: QueueFilter): Promise<BulkPreview> {
  const sql = bulkSelectionSql(datasetId, kind, filter);
  const { rows } = await pgPool().query<{ candidates: number; prompts: number }>(
    `SELECT count(*)::int AS candidates, count(DISTINCT "promptId")::int AS prompts FROM (${sql.text}) t`,
    sql.params,
  );
  return { kind, label: BULK_LABELS[kind], candidates: rows[0].candidates, prompts: rows[0].prompts };
}

export type BulkOutcome = { batchId: string; changed: number };

/** Applies a bulk action in one transaction, recorded as one batch in the audit log (undoable). */
export async function applyBulk(input: BulkInput, actor: Actor): Promise<ReviewResult<BulkOutcome>> {
  return withTransaction(async (client) => {
    const sql = bulkSelectionSql(input.datasetId, input.kind, input.filter);
    const { rows } = await client.query<{ id: number }>(`${sql.text} ORDER BY c.id FOR UPDATE OF c`, sql.params);
    if (input.expected !== undefined && rows.length !== input.expected) {
      return { ok: false, status: 409, message: `The selection changed meanwhile: it is now ${rows.length} candidates, not ${input.expected}. Check the count and try again.` };
    }
    const batchId = randomUUID();
    const action = BULK_ACTION[input.kind];
    const written = await writeDecisions(
      client,
      rows.map((r) => ({ candidateId: r.id, action, reviewerId: actor.id, note: null })),
      actor.id,
      { batchId, action: () => `bulk:${action}` },
    );
    await client.query(
      `INSERT INTO audit_logs (dataset_id, actor_id, action, before, after, batch_id) VALUES ($1, $2, 'bulk', NULL, $3, $4)`,
      [input.datasetId, actor.id, { kind: input.kind, label: BULK_LABELS[input.kind], count: written.length, filter: input.filter }, batchId],
    );
    return { ok: true, data: { batchId, changed: written.length } };
  });
}

export type LastBulk = { batchId: string; kind: BulkKind; label: string; count: number; actor: string | null; createdAt: string } | null;

async function findLastBulk(db: pg.Pool | pg.PoolClient, datasetId: number): Promise<LastBulk> {
  const { rows } = await db.query<{ action: string; batchId: string; after: { kind: BulkKind; label: string; count: number }; actor: string | null; createdAt: Date }>(
    `SELECT a.action, a.batch_id AS "batchId", a.after, coalesce(nullif(u.name, ''), u.email) AS actor, a.created_at AS "createdAt"
     FROM audit_logs a LEFT JOIN users u ON u.id = a.actor_id
     WHERE a.dataset_id = $1 AND a.action IN ('bulk', 'bulk-undo') ORDER BY a.created_at DESC, a.id DESC LIMIT 1`,
    [datasetId],
  );
  const r = rows[0];
  if (!r || r.action !== 'bulk') return null;
  return { batchId: r.batchId, kind: r.after.kind, label: r.after.label, count: r.after.count, actor: r.actor, createdAt: r.createdAt.toISOString() };
}

/** The most recent bulk action of the dataset, if it has not been undone. */
export function lastBulk(datasetId: number): Promise<LastBulk> {
  return findLastBulk(pgPool(), datasetId);
}

type Snapshot = { verdict: Verdict | null; version: number; reviewerId: string | null; note: string | null };

/**
 * Undoes the last bulk action: every candidate it changed goes back to its state before — unless
 * someone decided it again since (its version moved on), which is kept and counted as skipped.
 */
export async function undoLastBulk(datasetId: number, actor: Actor): Promise<ReviewResult<{ restored: number; skipped: number; label: string }>> {
  return withTransaction(async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`winnow-bulk-undo:${datasetId}`]);
    const last = await findLastBulk(client, datasetId);
    if (!last) return { ok: false, status: 409, message: 'There is no bulk action to undo.' };
    const { rows } = await client.query<{ candidateId: number; before: Snapshot; after: Snapshot; version: number }>(
      `SELECT a.candidate_id AS "candidateId", a.before, a.after, c.review_version AS version
       FROM audit_logs a JOIN candidates c ON c.id = a.candidate_id
       WHERE a.batch_id = $1 AND a.candidate_id IS NOT NULL ORDER BY c.id FOR UPDATE OF c`,
      [last.batchId],
    );
    const writes: DecisionWrite[] = [];
    let skipped = 0;
    for (const r of rows) {
      if (r.version !== r.after.version) {
        skipped++;
        continue;
      }
      const b = r.before;
      writes.push({ candidateId: r.candidateId, action: b.verdict === 'approved' ? 'approve' : b.verdict === 'rejected' ? 'reject' : 'reset', reviewerId: b.reviewerId, note: b.note });
    }
    const undoBatch = randomUUID();
    const written = await writeDecisions(client, writes, actor.id, { batchId: undoBatch, action: (w) => `undo:${w.action}` });
    await client.query(`INSERT INTO audit_logs (dataset_id, actor_id, action, before, after, batch_id) VALUES ($1, $2, 'bulk-undo', NULL, $3, $4)`, [
      datasetId,
      actor.id,
      { undoes: last.batchId, label: last.label, restored: written.length, skipped },
      undoBatch,
    ]);
    return { ok: true, data: { restored: written.length, skipped, label: last.label } };
  });
}
