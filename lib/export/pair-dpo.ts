// DPO pairs of one prompt. Pure.
// - chosen: accepted candidates (curator-approved or auto-accepted; `--status approved`: approved
//   only) that pass every gate and the score/evaluator filters, best first;
// - rejected: rejected candidates, those that failed a gate first, then the lowest aggregate;
// - a pair needs the chosen answer to be strictly better: a higher aggregate, or — since the chosen
//   one passed every gate — a rejected one that failed a gate. Equal aggregates (or none) with no gate
//   difference are a tie and never pair. `--min-margin x` asks for chosen − rejected aggregate ≥ x
//   (both scored);
// - each rejected candidate is used once; chosen ones are taken in turn, best first, and reused
//   only when there are more rejected than chosen; at most `pairsPerPrompt` pairs (default 1).
import type { ExportFilters } from './schemas';
import { bestFirst, passesEvaluatorFilters, passesScoreFilter } from './select-candidates';
import type { ExportCandidate } from './types';

/** `margin`: chosen − rejected aggregate, null when either has none. */
export type DpoPair = { chosen: ExportCandidate; rejected: ExportCandidate; margin: number | null };

export function passesGates(c: ExportCandidate, gates: readonly string[]): boolean {
  return gates.every((g) => c.scores[g]?.passed === true);
}

export function failsAGate(c: ExportCandidate, gates: readonly string[]): boolean {
  return gates.some((g) => c.scores[g]?.passed === false);
}

/** For ordering only: a missing aggregate sorts lowest. */
const score = (c: ExportCandidate) => c.aggregate ?? Number.NEGATIVE_INFINITY;
const compareScores = (a: ExportCandidate, b: ExportCandidate) => (score(a) === score(b) ? 0 : score(a) < score(b) ? -1 : 1);
/** 0.7 − 0.5 is 0.19999999999999996 in floating point: a margin of 0.2 must still count. */
const EPSILON = 1e-9;

export function pairCandidates(candidates: readonly ExportCandidate[], filters: ExportFilters, gates: readonly string[]): DpoPair[] {
  const chosenStatuses = filters.status === 'approved' ? ['approved'] : ['approved', 'accepted'];
  const chosen = candidates
    .filter((c) => chosenStatuses.includes(c.finalStatus) && passesGates(c, gates))
    .filter((c) => passesScoreFilter(c, filters.minScore) && passesEvaluatorFilters(c, filters.evaluators))
    .sort(bestFirst);
  const rejected = candidates
    .filter((c) => c.finalStatus === 'rejected')
    .sort((a, b) => Number(failsAGate(b, gates)) - Number(failsAGate(a, gates)) || compareScores(a, b) || a.id - b.id);
  const limit = filters.pairsPerPrompt ?? 1;
  const minMargin = filters.minMargin ?? 0;
  const pairs: DpoPair[] = [];
  const used = new Set<number>();
  if (!chosen.length || !rejected.length) return pairs;

  const margin = (c: ExportCandidate, r: ExportCandidate) => (c.aggregate !== null && r.aggregate !== null ? c.aggregate - r.aggregate : null);
  const pairs_ = (c: ExportCandidate, r: ExportCandidate) => {
    const m = margin(c, r);
    if (filters.minMargin !== undefined && filters.minMargin > 0) return m !== null && m > 0 && m >= minMargin - EPSILON;
    return (m !== null && m > EPSILON) || failsAGate(r, gates);
  };

  let progress = true;
  while (pairs.length < limit && progress) {
    progress = false;
    for (const c of chosen) {
      if (pairs.length >= limit) break;
      const r = rejected.find((x) => !used.has(x.id) && pairs_(c, x));
      if (!r) continue;
      used.add(r.id);
      pairs.push({ chosen: c, rejected: r, margin: margin(c, r) });
      progress = true;
    }
  }
  return pairs;
}
