import type { PolicyScore } from './types';

export interface ScoreEvaluatorRef {
  id: number;
  name: string;
  weight: number;
}

export interface AggregateResult {
  /** Weighted mean of the values present, clamped to 0..1; null when none is usable. */
  aggregate: number | null;
  /** How many evaluators contributed. */
  used: number;
  /** Names of weighted evaluators with no usable value (no row yet, null, NaN, or an error). */
  missing: readonly string[];
}

// Shared so the common case (nothing missing) allocates no array; callers must not mutate it.
const NONE: readonly string[] = Object.freeze([]);

/**
 * Weighted mean of score evaluators. Weights ≤ 0 (or non-finite) take an evaluator out of the mean
 * entirely — that is how a curator switches one off without deleting its scores — so such an
 * evaluator is never reported missing. Values are clamped to 0..1 first, so one evaluator that
 * over-reports cannot dominate the mean.
 */
export function aggregateScores(
  evaluators: readonly ScoreEvaluatorRef[],
  scores: ReadonlyMap<number, PolicyScore>,
): AggregateResult {
  let sum = 0;
  let weights = 0;
  let used = 0;
  let missing: string[] | null = null;
  for (let i = 0; i < evaluators.length; i++) {
    const e = evaluators[i];
    if (!(e.weight > 0) || !Number.isFinite(e.weight)) continue;
    const s = scores.get(e.id);
    const v = s && s.error == null ? s.value : null;
    if (v == null || Number.isNaN(v)) {
      (missing ??= []).push(e.name);
      continue;
    }
    sum += e.weight * (v < 0 ? 0 : v > 1 ? 1 : v);
    weights += e.weight;
    used++;
  }
  const aggregate = used === 0 ? null : Math.min(1, Math.max(0, sum / weights));
  return { aggregate, used, missing: missing ?? NONE };
}
