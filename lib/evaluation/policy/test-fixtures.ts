// Builders shared by this folder's tests (not a test file itself).
import type { PolicyCandidate, PolicyEvaluator, PolicyScore } from './types';

export const MATH: PolicyEvaluator = { id: 1, name: 'math-answer', role: 'gate', weight: 1, kind: 'math-answer' };
export const JUDGE: PolicyEvaluator = { id: 2, name: 'judge', role: 'score', weight: 1, kind: 'llm-judge' };
export const REWARD: PolicyEvaluator = { id: 3, name: 'reward', role: 'score', weight: 1, kind: 'reward-model' };
export const FORMAT: PolicyEvaluator = { id: 4, name: 'json-schema', role: 'gate', weight: 1, kind: 'json-schema' };

/** A score from a short form: true/false = gate result, a number = value, 'error' = errored. */
export type ScoreSpec = boolean | number | 'error' | Partial<PolicyScore>;

export function score(spec: ScoreSpec): PolicyScore {
  if (spec === 'error') return { value: null, passed: null, error: 'timeout after 30s' };
  if (typeof spec === 'boolean') return { value: spec ? 1 : 0, passed: spec, rationale: spec ? 'ok' : 'got 26, expected 18' };
  if (typeof spec === 'number') return { value: spec, passed: null };
  return { value: null, passed: null, ...spec };
}

export interface CandSpec {
  id: number;
  sampleIndex?: number;
  runId?: number;
  hash?: string;
  duplicateOfId?: number | null;
  pairwiseInconsistent?: boolean;
  /** Keyed by evaluator id; a missing key = not evaluated yet. */
  scores?: Record<number, ScoreSpec>;
}

export function cand(s: CandSpec): PolicyCandidate {
  const scores = new Map<number, PolicyScore>();
  for (const [k, v] of Object.entries(s.scores ?? {})) scores.set(Number(k), score(v));
  return {
    id: s.id,
    sampleIndex: s.sampleIndex ?? s.id,
    runId: s.runId ?? 1,
    contentHash: s.hash ?? `h${s.id}`,
    duplicateOfId: s.duplicateOfId ?? null,
    pairwiseInconsistent: s.pairwiseInconsistent,
    scores,
  };
}

/** Deterministic PRNG (mulberry32), so shuffle tests are reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(xs: readonly T[], random: () => number): T[] {
  const a = xs.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
