// Shapes the policy core reads and writes. Plain data, no Prisma types, so the core stays pure and
// the DB layer can feed it from any query (ORM rows, COPY, json_agg …).

export type EvaluatorRole = 'gate' | 'score';

export interface PolicyEvaluator {
  id: number;
  name: string;
  role: EvaluatorRole;
  weight: number;
  /** Evaluator kind (`math-answer`, `llm-judge` …); `llm-judge` marks a judge for the disagreement flag. */
  kind?: string;
}

/** One Score row as the policy sees it. */
export interface PolicyScore {
  /** Normalised 0..1; null when the evaluator gave no number (or errored). */
  value: number | null;
  passed: boolean | null;
  rationale?: string | null;
  error?: string | null;
}

export interface PolicyCandidate {
  id: number;
  sampleIndex: number;
  runId: number;
  contentHash: string;
  duplicateOfId?: number | null;
  /** Set by the DB layer when a pairwise judge's verdicts for this candidate contradict each other. */
  pairwiseInconsistent?: boolean;
  /** Keyed by evaluator id. A missing key means "not evaluated yet". */
  scores: ReadonlyMap<number, PolicyScore>;
}

export type AutoVerdict = 'accepted' | 'rejected' | 'pending';

/** Why a verdict was reached, as a stable code (for filters and for explain.ts). */
export type VerdictCode =
  | 'accepted'
  | 'pending-gate' // a gate has no score yet
  | 'pending-score' // a score evaluator has no score yet
  | 'gate-failed'
  | 'gate-errored'
  | 'no-score' // score evaluators exist but none gave a value, or requireScore with none configured
  | 'below-threshold'
  | 'duplicate'
  | 'beyond-top-k';

export interface CandidateVerdict {
  id: number;
  aggregate: number | null;
  autoVerdict: AutoVerdict;
  /** 1..n within the prompt; 1 is best. */
  rank: number;
  reason: string;
  code: VerdictCode;
  /** Score evaluators left out of the aggregate because they errored or gave no value. */
  excluded: readonly string[];
}

export type PromptFlag = 'gate-judge-disagree' | 'pairwise-inconsistent' | 'no-accepted' | 'all-pending';

export interface PromptVerdict {
  acceptedCount: number;
  /** Aggregate of the best-ranked candidate that has one. */
  topScore: number | null;
  /** topScore minus the next aggregate in rank order; null with fewer than two aggregates. */
  margin: number | null;
  flags: PromptFlag[];
}

export interface PromptResult {
  /** In input order. */
  candidates: CandidateVerdict[];
  prompt: PromptVerdict;
}
