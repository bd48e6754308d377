// Auto verdict vs curator decision on reviewed candidates: confusion matrix and the figures built on
// it. "Positive" = accept: the machine auto-accepted / the curator approved. Pure.
import { kappaInterval, wilsonInterval, type Interval } from './intervals';

export interface Confusion {
  /** auto-accepted, curator approved */
  tp: number;
  /** auto-accepted, curator rejected */
  fp: number;
  /** auto-rejected, curator approved */
  fn: number;
  /** auto-rejected, curator rejected */
  tn: number;
}

export interface Agreement {
  confusion: Confusion;
  n: number;
  accuracy: number | null;
  accuracyCi: Interval | null;
  /** Of the auto-accepted, the share curators approved. */
  precision: number | null;
  precisionCi: Interval | null;
  /** Of the approved, the share the machine had auto-accepted. */
  recall: number | null;
  recallCi: Interval | null;
  kappa: number | null;
  kappaCi: Interval | null;
}

export const EMPTY_CONFUSION: Confusion = Object.freeze({ tp: 0, fp: 0, fn: 0, tn: 0 });

export function addConfusion(a: Confusion, b: Confusion): Confusion {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn, tn: a.tn + b.tn };
}

/** Adds `count` reviewed candidates with this prediction/truth pair to a confusion matrix. */
export function tally(c: Confusion, predictedAccept: boolean, approved: boolean, count = 1): Confusion {
  if (predictedAccept) return approved ? { ...c, tp: c.tp + count } : { ...c, fp: c.fp + count };
  return approved ? { ...c, fn: c.fn + count } : { ...c, tn: c.tn + count };
}

const ratio = (k: number, n: number) => (n > 0 ? k / n : null);

/** Cohen's κ for a 2×2 table: (po − pe) / (1 − pe). Null when undefined (n = 0, or pe = 1). */
export function cohensKappa(c: Confusion): { kappa: number | null; po: number; pe: number; n: number } {
  const n = c.tp + c.fp + c.fn + c.tn;
  if (n === 0) return { kappa: null, po: 0, pe: 0, n };
  const po = (c.tp + c.tn) / n;
  const predYes = (c.tp + c.fp) / n;
  const trueYes = (c.tp + c.fn) / n;
  const pe = predYes * trueYes + (1 - predYes) * (1 - trueYes);
  if (pe >= 1) return { kappa: null, po, pe, n };
  return { kappa: (po - pe) / (1 - pe), po, pe, n };
}

export function measureAgreement(c: Confusion): Agreement {
  const n = c.tp + c.fp + c.fn + c.tn;
  const { kappa, po, pe } = cohensKappa(c);
  return {
    confusion: c,
    n,
    accuracy: ratio(c.tp + c.tn, n),
    accuracyCi: wilsonInterval(c.tp + c.tn, n),
    precision: ratio(c.tp, c.tp + c.fp),
    precisionCi: wilsonInterval(c.tp, c.tp + c.fp),
    recall: ratio(c.tp, c.tp + c.fn),
    recallCi: wilsonInterval(c.tp, c.tp + c.fn),
    kappa,
    kappaCi: kappa === null ? null : kappaInterval(po, pe, n),
  };
}
