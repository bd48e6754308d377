// Ties the stored-reason reading (verdict-class.ts) to what the policy core writes: if a reason text
// changes there, this test fails instead of Insight silently miscounting.
import { describe, expect, it } from 'vitest';
import { deriveVerdicts } from '../evaluation/policy/derive-verdicts';
import { parsePolicy } from '../evaluation/policy/schemas';
import { cand, JUDGE, MATH } from '../evaluation/policy/test-fixtures';
import type { VerdictCode } from '../evaluation/policy/types';
import { verdictClass, type VerdictClass } from './verdict-class';

const expected: Record<VerdictCode, VerdictClass> = {
  accepted: 'eligible',
  'beyond-top-k': 'eligible',
  duplicate: 'eligible',
  'below-threshold': 'below',
  'gate-failed': 'other',
  'gate-errored': 'other',
  'no-score': 'other',
  'pending-gate': 'other',
  'pending-score': 'other',
};

describe('verdictClass', () => {
  it('classifies every verdict code the policy produces from its stored reason', () => {
    const r = deriveVerdicts(parsePolicy({ topK: 1, threshold: 0.5 }), [MATH, JUDGE], [
      cand({ id: 1, scores: { [MATH.id]: true, [JUDGE.id]: 0.9 } }),
      cand({ id: 2, scores: { [MATH.id]: true, [JUDGE.id]: 0.8 } }),
      cand({ id: 3, hash: 'h1', scores: { [MATH.id]: true, [JUDGE.id]: 0.9 } }),
      cand({ id: 4, scores: { [MATH.id]: true, [JUDGE.id]: 0.2 } }),
      cand({ id: 5, scores: { [MATH.id]: false, [JUDGE.id]: 0.9 } }),
      cand({ id: 6, scores: { [MATH.id]: 'error', [JUDGE.id]: 0.9 } }),
      cand({ id: 7, scores: { [MATH.id]: true, [JUDGE.id]: 'error' } }),
      cand({ id: 8, scores: { [JUDGE.id]: 0.9 } }),
      cand({ id: 9, scores: { [MATH.id]: true } }),
    ]);
    const seen = new Set<VerdictCode>();
    for (const c of r.candidates) {
      seen.add(c.code);
      expect(verdictClass(c.autoVerdict, c.reason), `${c.code}: ${c.reason}`).toBe(expected[c.code]);
    }
    expect([...seen].sort()).toEqual(Object.keys(expected).sort());
  });
});
