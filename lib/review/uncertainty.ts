// How much a prompt needs a curator, 0..1 (higher = look at it first). Pure. The migration
// 20261127010407_review_workbench computes the same figure in SQL (review_uncertainty) into
// prompts.uncertainty, so the queue can read it through an index; uncertainty.int.test.ts checks
// both agree.

/** Scores within this distance of the threshold count as "near" it (linear falloff). */
export const NEAR_THRESHOLD_WINDOW = 0.25;
/** A top-two margin below this counts as "small" (linear falloff). */
export const SMALL_MARGIN_WINDOW = 0.2;

export const UNCERTAINTY_WEIGHTS = {
  nearThreshold: 0.4,
  smallMargin: 0.25,
  gateJudgeDisagree: 0.2,
  pairwiseInconsistent: 0.15,
} as const;

export type UncertaintyInput = {
  acceptedCount: number;
  topScore: number | null;
  margin: number | null;
  flags: readonly string[];
};

export type UncertaintyParts = { nearThreshold: number; smallMargin: number; gateJudgeDisagree: number; pairwiseInconsistent: number };

/** The four signals, each 0..1. */
export function uncertaintyParts(p: UncertaintyInput, threshold: number): UncertaintyParts {
  return {
    // No accepted candidate, yet the best one is close to making it.
    nearThreshold: p.acceptedCount === 0 && p.topScore !== null ? Math.max(0, 1 - Math.abs(p.topScore - threshold) / NEAR_THRESHOLD_WINDOW) : 0,
    // The top two are nearly tied: the ranking could easily be wrong.
    smallMargin: p.margin !== null ? Math.max(0, 1 - Math.max(p.margin, 0) / SMALL_MARGIN_WINDOW) : 0,
    gateJudgeDisagree: p.flags.includes('gate-judge-disagree') ? 1 : 0,
    pairwiseInconsistent: p.flags.includes('pairwise-inconsistent') ? 1 : 0,
  };
}

/** Weighted sum of the parts, in the same order of operations as the SQL function. */
export function uncertaintyScore(p: UncertaintyInput, threshold: number): number {
  const x = uncertaintyParts(p, threshold);
  const w = UNCERTAINTY_WEIGHTS;
  return w.nearThreshold * x.nearThreshold + w.smallMargin * x.smallMargin + w.gateJudgeDisagree * x.gateJudgeDisagree + w.pairwiseInconsistent * x.pairwiseInconsistent;
}

/** Human words for why a prompt is uncertain (queue rows, board header). */
export function uncertaintyReasons(p: UncertaintyInput, threshold: number): string[] {
  const x = uncertaintyParts(p, threshold);
  const out: string[] = [];
  if (x.nearThreshold > 0) out.push(`best ${p.topScore!.toFixed(2)} near threshold ${threshold.toFixed(2)}`);
  if (x.smallMargin > 0) out.push(`top two ${p.margin!.toFixed(2)} apart`);
  if (x.gateJudgeDisagree) out.push('gate and judge disagree');
  if (x.pairwiseInconsistent) out.push('pairwise verdicts inconsistent');
  return out;
}
