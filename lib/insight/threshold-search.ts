// Threshold suggestion: on the reviewed sample, the policy threshold that maximises agreement with
// curators (or reaches a target precision of auto-accept), and what it would change on the
// unreviewed rest. Pure: the SQL layer hands in counts per aggregate bin.
import { measureAgreement, tally, EMPTY_CONFUSION, type Agreement, type Confusion } from './agreement';

/** Aggregates are binned by thousandths: bin b holds aggregates in [b/1000, (b+1)/1000). */
export const BINS = 1001;
/** Thresholds tried: 0.00, 0.01 … 1.00. */
export const STEPS = 101;
const EPS = 1e-6;

export interface ReviewedCounts {
  approved: number;
  rejected: number;
}

export interface ThresholdInput {
  /** Reviewed candidates the threshold decides (gates passed, within top-k, with an aggregate), by bin. */
  reviewed: readonly ReviewedCounts[];
  /** Reviewed candidates accepted whatever the threshold (gates only, no aggregate). */
  alwaysAccept: ReviewedCounts;
  /** Reviewed candidates rejected whatever the threshold (failed gates, outside top-k …). */
  alwaysReject: ReviewedCounts;
  /** Unreviewed candidates the threshold decides, by bin. */
  unreviewed: readonly number[];
  current: number;
  /** Aim: best agreement (accuracy, then κ), or the lowest threshold reaching this precision. */
  targetPrecision?: number | null;
}

export interface ThresholdPoint {
  threshold: number;
  accuracy: number | null;
  kappa: number | null;
  precision: number | null;
  recall: number | null;
}

export interface ThresholdSuggestion {
  threshold: number;
  mode: 'agreement' | 'precision';
  /** Agreement on the reviewed sample at the suggested and at the current threshold. */
  suggested: Agreement;
  atCurrent: Agreement;
  /** On the unreviewed rest: candidates newly accepted / newly rejected by the change. */
  wouldAccept: number;
  wouldReject: number;
  curve: ThresholdPoint[];
}

/** First bin whose aggregates all meet threshold t (the policy compares with a 1e-9 tolerance). */
export function firstBin(t: number): number {
  return Math.max(0, Math.min(BINS, Math.ceil(t * 1000 - EPS)));
}

/** Bin of an aggregate value. */
export function binOf(aggregate: number): number {
  return Math.max(0, Math.min(BINS - 1, Math.floor(aggregate * 1000 + EPS)));
}

function confusionAt(input: ThresholdInput, t: number): Confusion {
  let c = tally(tally(EMPTY_CONFUSION, true, true, input.alwaysAccept.approved), true, false, input.alwaysAccept.rejected);
  c = tally(tally(c, false, true, input.alwaysReject.approved), false, false, input.alwaysReject.rejected);
  const from = firstBin(t);
  for (let b = 0; b < input.reviewed.length; b++) {
    const r = input.reviewed[b];
    if (!r) continue;
    c = tally(tally(c, b >= from, true, r.approved), b >= from, false, r.rejected);
  }
  return c;
}

function sumBins(bins: readonly number[], from: number, to: number): number {
  let s = 0;
  for (let b = from; b < to && b < bins.length; b++) s += bins[b] ?? 0;
  return s;
}

/** Null when nothing reviewed is decided by the threshold: there is nothing to learn from. */
export function suggestThreshold(input: ThresholdInput): ThresholdSuggestion | null {
  const decided = input.reviewed.reduce((s, r) => s + (r ? r.approved + r.rejected : 0), 0);
  if (decided === 0) return null;
  const curve: ThresholdPoint[] = [];
  const agreements: Agreement[] = [];
  for (let i = 0; i < STEPS; i++) {
    const t = i / 100;
    const a = measureAgreement(confusionAt(input, t));
    agreements.push(a);
    curve.push({ threshold: t, accuracy: a.accuracy, kappa: a.kappa, precision: a.precision, recall: a.recall });
  }
  const target = input.targetPrecision ?? null;
  let best = -1;
  if (target !== null) {
    // Lowest threshold (most recall) whose auto-accepts reach the target precision.
    best = agreements.findIndex((a) => a.precision !== null && a.precision + 1e-12 >= target);
    if (best < 0) return null;
  } else {
    for (let i = 0; i < STEPS; i++) {
      if (best < 0 || better(agreements[i], agreements[best], i, best, input.current)) best = i;
    }
  }
  const threshold = best / 100;
  const from = firstBin(threshold);
  const cur = firstBin(input.current);
  return {
    threshold,
    mode: target !== null ? 'precision' : 'agreement',
    suggested: agreements[best],
    atCurrent: measureAgreement(confusionAt(input, input.current)),
    wouldAccept: from < cur ? sumBins(input.unreviewed, from, cur) : 0,
    wouldReject: from > cur ? sumBins(input.unreviewed, cur, from) : 0,
    curve,
  };
}

/** Higher accuracy, then higher κ, then the threshold nearer the current one (least change). */
function better(a: Agreement, b: Agreement, i: number, j: number, current: number): boolean {
  const acc = (a.accuracy ?? -1) - (b.accuracy ?? -1);
  if (Math.abs(acc) > 1e-12) return acc > 0;
  const k = (a.kappa ?? -2) - (b.kappa ?? -2);
  if (Math.abs(k) > 1e-12) return k > 0;
  return Math.abs(i / 100 - current) < Math.abs(j / 100 - current);
}
