import { describe, expect, it } from 'vitest';
import { explainPrompt, explainVerdict } from './explain';
import type { CandidateVerdict } from './types';

const v = (over: Partial<CandidateVerdict>): CandidateVerdict => ({
  id: 1,
  aggregate: 0.91,
  autoVerdict: 'accepted',
  rank: 1,
  reason: 'passed math-answer; score 0.91 ≥ 0.50',
  code: 'accepted',
  excluded: [],
  ...over,
});

describe('explainVerdict', () => {
  it.each([
    [v({}), 'Accepted: passed math-answer; score 0.91 ≥ 0.50; rank 1 of 4'],
    [v({ autoVerdict: 'rejected', code: 'beyond-top-k', rank: 3, reason: 'not in top 1 (rank 3)' }), 'Rejected: not in top 1 (rank 3)'],
    [v({ autoVerdict: 'pending', code: 'pending-gate', rank: 4, reason: 'waiting for gate math-answer' }), 'Pending: waiting for gate math-answer; rank 4 of 4'],
    [v({ excluded: ['judge'] }), 'Accepted: passed math-answer; score 0.91 ≥ 0.50; left out of the score (no value): judge; rank 1 of 4'],
    [
      v({ autoVerdict: 'rejected', code: 'no-score', aggregate: null, excluded: ['judge'], reason: 'no score: judge errored: timeout' }),
      'Rejected: no score: judge errored: timeout; rank 1 of 4',
    ],
  ])('%#', (verdict, text) => expect(explainVerdict(verdict, 4)).toBe(text));
});

describe('explainPrompt', () => {
  it.each([
    [{ acceptedCount: 1, topScore: 0.91, margin: 0.12, flags: [] }, '1 accepted; top score 0.91, margin 0.12'],
    [{ acceptedCount: 0, topScore: 0.3, margin: null, flags: ['no-accepted' as const] }, '0 accepted; top score 0.30; flags: no candidate accepted'],
    [{ acceptedCount: 0, topScore: null, margin: null, flags: ['all-pending' as const] }, '0 accepted; flags: nothing scored yet'],
  ])('%#', (p, text) => expect(explainPrompt(p)).toBe(text));
});
