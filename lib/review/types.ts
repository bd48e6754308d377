// DTOs of the review workbench: plain data, safe to hand to the browser.
import type { ChatMessage } from '../prompts/text';

export type FinalStatus = 'pending' | 'accepted' | 'rejected' | 'approved';
export type AutoVerdict = 'pending' | 'accepted' | 'rejected';
export type Verdict = 'approved' | 'rejected';

export type BoardScore = { evaluatorId: number; value: number | null; passed: boolean | null; rationale: string | null; error: string | null; rawValue?: number | null };

export type BoardDecision = { verdict: Verdict; reviewerId: string | null; reviewer: string | null; note: string | null; updatedAt: string };

export type BoardCandidate = {
  id: number;
  sampleIndex: number;
  model: string | null;
  content: string;
  contentHash: string;
  finishReason: string | null;
  completionTokens: number | null;
  aggregate: number | null;
  autoVerdict: AutoVerdict;
  verdictReason: string | null;
  rank: number | null;
  finalStatus: FinalStatus;
  /** Review version: send it back with a decision; a different current version means someone else changed it. */
  version: number;
  scores: BoardScore[];
  decision: BoardDecision | null;
};

/** One card of the board: a candidate plus its exact duplicates (same contentHash), collapsed. */
export type BoardCard = BoardCandidate & { duplicates: { id: number; sampleIndex: number; version: number; finalStatus: FinalStatus }[] };

export type BoardEvaluator = { id: number; name: string; kind: string; role: 'gate' | 'score' };

export type AuditEntry = {
  id: string;
  action: string;
  actor: string | null;
  candidateId: number | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  batchId: string | null;
  createdAt: string;
};

export type Board = {
  prompt: {
    id: number;
    datasetId: number;
    datasetName: string;
    externalId: string;
    messages: ChatMessage[];
    reference: unknown;
    acceptedCount: number;
    topScore: number | null;
    margin: number | null;
    flags: string[];
    uncertainty: number;
    reviewedAt: string | null;
    note: string | null;
    claim: { userId: string; name: string; expiresAt: string } | null;
  };
  threshold: number;
  evaluators: BoardEvaluator[];
  cards: BoardCard[];
  /** How many candidates in all (cards collapse duplicates). */
  candidateCount: number;
  audit: AuditEntry[];
};

/** The decision someone else made meanwhile, shown instead of overwriting it. */
export type ConflictInfo = {
  candidateId: number;
  yourVersion: number;
  currentVersion: number;
  /** Current verdict; null = back on the auto verdict (reset). */
  verdict: Verdict | null;
  finalStatus: FinalStatus;
  by: string | null;
  at: string | null;
  message: string;
};

export type CandidateState = { candidateId: number; version: number; finalStatus: FinalStatus; decision: BoardDecision | null };

export type ReviewResult<T> = { ok: true; data: T } | { ok: false; message: string; conflict?: ConflictInfo; status?: 404 | 409 | 422 };
