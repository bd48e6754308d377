import 'server-only';
import type pg from 'pg';
import type { DecisionAction } from './schemas';
import type { FinalStatus, Verdict } from './types';

export type DecisionWrite = {
  candidateId: number;
  action: DecisionAction;
  /** Who the decision is recorded for (the actor; on undo, the reviewer being restored). */
  reviewerId: string | null;
  /** null keeps the decision's note (if any). */
  note: string | null;
};

export type WrittenDecision = { id: number; promptId: number; version: number; finalStatus: FinalStatus; verdict: Verdict | null };

/** Audit before/after of one candidate. */
export type DecisionSnapshot = { verdict: Verdict | null; finalStatus: FinalStatus; version: number; reviewerId: string | null; note: string | null };

/**
 * Applies decisions to locked candidates in one statement: bumps each candidate's review version,
 * sets its final status (reset = back to the auto verdict), writes or deletes its Decision row and
 * appends one audit row each (before/after), and recomputes the touched prompts' reviewed_at — one
 * statement. Either lock the candidates first (inside a transaction), or pass `expectedVersions`:
 * then a candidate whose version moved on is skipped (not returned), a compare-and-set.
 */
export async function writeDecisions(
  db: pg.PoolClient | pg.Pool,
  writes: readonly DecisionWrite[],
  actorId: string | null,
  opts: { batchId?: string | null; action?: (w: DecisionWrite) => string; expectedVersions?: readonly number[]; datasetId?: number } = {},
): Promise<WrittenDecision[]> {
  if (writes.length === 0) return [];
  const { rows } = await db.query<WrittenDecision>(WRITE_SQL, [
    writes.map((w) => w.candidateId),
    writes.map((w) => w.action),
    writes.map((w) => w.reviewerId),
    writes.map((w) => w.note),
    actorId,
    opts.batchId ?? null,
    writes.map((w) => opts.action?.(w) ?? w.action),
    opts.expectedVersions ?? writes.map(() => null),
    opts.datasetId ?? null,
  ]);
  return rows;
}

const WRITE_SQL = `
WITH input AS (
  SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $7::text[], $8::int[]) AS t(id, action, reviewer_id, note, audit_action, expected)
), prev AS (
  SELECT c.id, c.final_status, c.review_version, d.verdict, d.reviewer_id, d.note
  FROM candidates c LEFT JOIN decisions d ON d.candidate_id = c.id
  WHERE c.id IN (SELECT id FROM input)
), upd AS (
  UPDATE candidates c SET review_version = c.review_version + 1,
    final_status = (CASE i.action WHEN 'approve' THEN 'approved' WHEN 'reject' THEN 'rejected' ELSE c.auto_verdict::text END)::"FinalStatus"
  -- Compare-and-set: with an expected version, a candidate changed meanwhile is not written (a
  -- concurrent writer's row lock makes this wait, then re-check the version).
  FROM input i WHERE c.id = i.id AND (i.expected IS NULL OR c.review_version = i.expected) AND ($9::int IS NULL OR c.dataset_id = $9::int)
  RETURNING c.id, c.prompt_id, c.dataset_id, c.review_version, c.final_status, i.action, i.reviewer_id, i.note, i.audit_action
), del AS (
  DELETE FROM decisions d USING upd WHERE d.candidate_id = upd.id AND upd.action = 'reset'
), ins AS (
  INSERT INTO decisions (candidate_id, verdict, reviewer_id, note, version, updated_at)
  SELECT upd.id, (CASE upd.action WHEN 'approve' THEN 'approved' ELSE 'rejected' END)::"DecisionVerdict", upd.reviewer_id, upd.note, upd.review_version, now()
  FROM upd WHERE upd.action <> 'reset'
  ON CONFLICT (candidate_id) DO UPDATE SET verdict = EXCLUDED.verdict, reviewer_id = EXCLUDED.reviewer_id,
    note = coalesce(EXCLUDED.note, decisions.note), version = EXCLUDED.version, updated_at = now()
), aud AS (
  INSERT INTO audit_logs (dataset_id, prompt_id, candidate_id, actor_id, action, before, after, batch_id)
  SELECT upd.dataset_id, upd.prompt_id, upd.id, $5, upd.audit_action,
    jsonb_build_object('verdict', prev.verdict, 'finalStatus', prev.final_status, 'version', prev.review_version, 'reviewerId', prev.reviewer_id, 'note', prev.note),
    jsonb_build_object('verdict', CASE upd.action WHEN 'approve' THEN 'approved' WHEN 'reject' THEN 'rejected' END, 'finalStatus', upd.final_status,
      'version', upd.review_version, 'reviewerId', CASE WHEN upd.action = 'reset' THEN NULL ELSE upd.reviewer_id END,
      'note', CASE WHEN upd.action = 'reset' THEN NULL ELSE coalesce(upd.note, prev.note) END),
    $6
  FROM upd JOIN prev ON prev.id = upd.id
), reviewed AS (
  -- A prompt is reviewed while any of its candidates has a decision: one written now, or one of a
  -- candidate this statement did not touch (the snapshot is right for those).
  UPDATE prompts p SET reviewed_at = CASE WHEN EXISTS (SELECT 1 FROM upd u WHERE u.prompt_id = p.id AND u.action <> 'reset')
      OR EXISTS (SELECT 1 FROM candidates c JOIN decisions d ON d.candidate_id = c.id WHERE c.prompt_id = p.id AND c.id NOT IN (SELECT id FROM upd))
    THEN now() ELSE NULL END
  WHERE p.id IN (SELECT prompt_id FROM upd)
)
SELECT upd.id, upd.prompt_id AS "promptId", upd.review_version AS version, upd.final_status AS "finalStatus",
  CASE upd.action WHEN 'approve' THEN 'approved' WHEN 'reject' THEN 'rejected' END AS verdict
FROM upd`;

