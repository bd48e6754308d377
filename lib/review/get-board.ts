import 'server-only';
import { pgPool } from '../db/pool';
import { normalizeMessages } from '../prompts/text';
import { collapseDuplicates } from './collapse-duplicates';
import type { AuditEntry, Board, BoardCandidate, BoardEvaluator } from './types';

export const AUDIT_LIMIT = 100;

type PromptRow = {
  id: number;
  datasetId: number;
  datasetName: string;
  externalId: string;
  messages: unknown;
  reference: unknown;
  acceptedCount: number;
  topScore: number | null;
  margin: number | null;
  flags: string[];
  uncertainty: number;
  reviewedAt: Date | null;
  note: string | null;
  claimedById: string | null;
  claimedBy: string | null;
  claimExpiresAt: Date | null;
  threshold: number;
  evaluators: BoardEvaluator[];
};

type CandidateRow = Omit<BoardCandidate, 'decision' | 'scores'> & {
  scores: { e: number; v: number | null; p: boolean | null; r: string | null; x: string | null; w?: number | null }[];
  verdict: 'approved' | 'rejected' | null;
  reviewerId: string | null;
  reviewer: string | null;
  decisionNote: string | null;
  decidedAt: Date | null;
};

/** SQL of the three reads (exported for EXPLAIN in the bench). */
export const BOARD_SQL = {
  prompt: `SELECT p.id, p.dataset_id AS "datasetId", ds.name AS "datasetName", p.external_id AS "externalId", p.messages, p.reference,
       p.accepted_count AS "acceptedCount", p.top_score AS "topScore", p.margin, p.flags, p.uncertainty, p.reviewed_at AS "reviewedAt",
       p.review_note AS note, p.claimed_by_id AS "claimedById", coalesce(nullif(cu.name, ''), cu.email) AS "claimedBy", p.claim_expires_at AS "claimExpiresAt",
       review_threshold(ds.policy) AS threshold,
       coalesce((SELECT json_agg(json_build_object('id', e.id, 'name', e.name, 'kind', e.kind, 'role', e.role) ORDER BY e.role, e.name)
                 FROM evaluators e WHERE e.dataset_id = ds.id), '[]') AS evaluators
     FROM prompts p JOIN datasets ds ON ds.id = p.dataset_id LEFT JOIN users cu ON cu.id = p.claimed_by_id
     WHERE p.id = $2 AND p.dataset_id = $1`,
  candidates: `SELECT c.id, c.sample_index AS "sampleIndex", coalesce(c.model, r.model) AS model, c.content, c.content_hash AS "contentHash",
       c.finish_reason AS "finishReason", c.completion_tokens AS "completionTokens", c.aggregate, c.auto_verdict AS "autoVerdict",
       c.verdict_reason AS "verdictReason", c.rank, c.final_status AS "finalStatus", c.review_version AS version,
       coalesce((SELECT json_agg(json_build_object('e', s.evaluator_id, 'v', s.value, 'p', s.passed, 'r', s.rationale, 'x', s.error, 'w', s.raw_value) ORDER BY s.evaluator_id)
                 FROM scores s WHERE s.candidate_id = c.id), '[]') AS scores,
       d.verdict, d.reviewer_id AS "reviewerId", coalesce(nullif(u.name, ''), u.email) AS reviewer, d.note AS "decisionNote", d.updated_at AS "decidedAt"
     FROM candidates c JOIN generation_runs r ON r.id = c.run_id
     LEFT JOIN decisions d ON d.candidate_id = c.id LEFT JOIN users u ON u.id = d.reviewer_id
     WHERE c.prompt_id = $1
     ORDER BY c.rank ASC NULLS LAST, c.aggregate DESC NULLS LAST, c.sample_index, c.id`,
  audit: `SELECT a.id::text AS id, a.action, coalesce(nullif(u.name, ''), u.email) AS actor, a.candidate_id AS "candidateId", a.before, a.after,
       a.batch_id AS "batchId", a.created_at AS "createdAt"
     FROM audit_logs a LEFT JOIN users u ON u.id = a.actor_id
     WHERE a.prompt_id = $1 ORDER BY a.created_at DESC, a.id DESC LIMIT ${AUDIT_LIMIT}`,
};

/**
 * Everything the board of one prompt shows: the prompt, its candidates best first (exact
 * duplicates collapsed) with per-evaluator scores and decisions, and the prompt's audit log.
 * Three indexed reads in parallel.
 */
export async function getBoard(datasetId: number, promptId: number): Promise<Board | null> {
  const pool = pgPool();
  const [p, c, a] = await Promise.all([
    pool.query<PromptRow>(BOARD_SQL.prompt, [datasetId, promptId]),
    pool.query<CandidateRow>(BOARD_SQL.candidates, [promptId]),
    pool.query<AuditEntry & { createdAt: Date }>(BOARD_SQL.audit, [promptId]),
  ]);
  const row = p.rows[0];
  if (!row) return null;
  const candidates: BoardCandidate[] = c.rows.map((r) => ({
    id: r.id,
    sampleIndex: r.sampleIndex,
    model: r.model,
    content: r.content,
    contentHash: r.contentHash,
    finishReason: r.finishReason,
    completionTokens: r.completionTokens,
    aggregate: r.aggregate,
    autoVerdict: r.autoVerdict,
    verdictReason: r.verdictReason,
    rank: r.rank,
    finalStatus: r.finalStatus,
    version: r.version,
    scores: r.scores.map((s) => ({ evaluatorId: s.e, value: s.v, passed: s.p, rationale: s.r, error: s.x, rawValue: s.w ?? null })),
    decision: r.verdict
      ? { verdict: r.verdict, reviewerId: r.reviewerId, reviewer: r.reviewer, note: r.decisionNote, updatedAt: r.decidedAt!.toISOString() }
      : null,
  }));
  const claimLive = row.claimedById && row.claimExpiresAt && row.claimExpiresAt.getTime() > Date.now();
  return {
    prompt: {
      id: row.id,
      datasetId: row.datasetId,
      datasetName: row.datasetName,
      externalId: row.externalId,
      messages: normalizeMessages(row.messages),
      reference: row.reference ?? null,
      acceptedCount: row.acceptedCount,
      topScore: row.topScore,
      margin: row.margin,
      flags: row.flags,
      uncertainty: row.uncertainty,
      reviewedAt: row.reviewedAt?.toISOString() ?? null,
      note: row.note,
      claim: claimLive ? { userId: row.claimedById!, name: row.claimedBy ?? 'someone', expiresAt: row.claimExpiresAt!.toISOString() } : null,
    },
    threshold: row.threshold,
    evaluators: row.evaluators,
    cards: collapseDuplicates(candidates),
    candidateCount: candidates.length,
    audit: a.rows.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
  };
}
