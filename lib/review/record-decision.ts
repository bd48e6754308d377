import 'server-only';
import type pg from 'pg';
import { pgPool } from '../db/pool';
import { detectConflict, type CurrentReview } from './detect-conflict';
import type { DecisionInput } from './schemas';
import type { CandidateState, ConflictInfo, ReviewResult, Verdict } from './types';
import { writeDecisions } from './write-decisions';
import { withTransaction } from '../db/with-transaction';

export type Actor = { id: string; name: string; email: string };

export const actorName = (a: Actor) => a.name || a.email;

type LockedRow = CurrentReview & { promptId: number };

/** Locks candidates (in id order, so two writers never deadlock) and reads their review state. */
export async function lockCandidates(client: pg.PoolClient, datasetId: number, ids: readonly number[]): Promise<Map<number, LockedRow>> {
  const { rows } = await client.query<LockedRow & { at: Date | null }>(
    `SELECT c.id AS "candidateId", c.prompt_id AS "promptId", c.review_version AS version, c.final_status AS "finalStatus",
       d.verdict, coalesce(nullif(u.name, ''), u.email) AS by, d.updated_at AS at
     FROM candidates c LEFT JOIN decisions d ON d.candidate_id = c.id LEFT JOIN users u ON u.id = d.reviewer_id
     WHERE c.id = ANY ($1::int[]) AND c.dataset_id = $2
     ORDER BY c.id
     FOR UPDATE OF c`,
    [ids, datasetId],
  );
  return new Map(rows.map((r) => [r.candidateId, { ...r, at: r.at?.toISOString() ?? null }]));
}

/** For a conflict on a candidate without a decision: who put it back on auto (the last audit entry). */
export async function fillResetAuthor(client: pg.PoolClient, current: LockedRow): Promise<LockedRow> {
  if (current.verdict) return current;
  const { rows } = await client.query<{ by: string | null; at: Date }>(
    `SELECT coalesce(nullif(u.name, ''), u.email) AS by, a.created_at AS at
     FROM audit_logs a LEFT JOIN users u ON u.id = a.actor_id
     WHERE a.prompt_id = $1 AND a.candidate_id = $2 ORDER BY a.created_at DESC, a.id DESC LIMIT 1`,
    [current.promptId, current.candidateId],
  );
  return rows[0] ? { ...current, by: rows[0].by, at: rows[0].at.toISOString() } : current;
}

/**
 * Approve, reject or reset one candidate. `version` is the review version the curator saw: if the
 * candidate changed since (another curator, another tab), nothing is written and the result
 * carries the other person's decision. Keeps candidates.final_status, decisions, audit_logs and
 * prompts.reviewed_at in step, in one transaction.
 */
export async function recordDecision(input: DecisionInput, actor: Actor): Promise<ReviewResult<CandidateState>> {
  const pool = pgPool();
  // Fast path, one atomic statement: compare-and-set on the version read.
  const [w] = await writeDecisions(pool, [{ candidateId: input.candidateId, action: input.action, reviewerId: actor.id, note: input.note ?? null }], actor.id, {
    expectedVersions: [input.version],
    datasetId: input.datasetId,
  });
  if (w) return { ok: true, data: toState(w, actor, input.note ?? null) };
  // Not written: the candidate is not in this dataset, or someone changed it since it was read.
  return withTransaction(async (client) => {
    const current = (await lockCandidates(client, input.datasetId, [input.candidateId])).get(input.candidateId);
    if (!current) return { ok: false, status: 404, message: `Candidate #${input.candidateId} is not in this dataset.` };
    const conflict: ConflictInfo = detectConflict(input.version, await fillResetAuthor(client, current)) ?? {
      // The version matches again (a change was undone meanwhile): still refuse, the curator should look first.
      ...detectConflict(-1, await fillResetAuthor(client, current))!,
      yourVersion: input.version,
    };
    return { ok: false, status: 409, message: conflict.message, conflict };
  });
}

export function toState(w: { id: number; version: number; finalStatus: CandidateState['finalStatus']; verdict: Verdict | null }, actor: Actor, note: string | null): CandidateState {
  return {
    candidateId: w.id,
    version: w.version,
    finalStatus: w.finalStatus,
    decision: w.verdict ? { verdict: w.verdict, reviewerId: actor.id, reviewer: actorName(actor), note, updatedAt: new Date().toISOString() } : null,
  };
}
