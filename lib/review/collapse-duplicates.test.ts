import { describe, expect, it } from 'vitest';
import { collapseDuplicates } from './collapse-duplicates';
import { detectConflict } from './detect-conflict';
import type { BoardCandidate } from './types';

const cand = (id: number, hash: string): BoardCandidate => ({
  id,
  sampleIndex: id,
  model: null,
  content: `c${hash}`,
  contentHash: hash,
  finishReason: null,
  completionTokens: null,
  aggregate: null,
  autoVerdict: 'pending',
  verdictReason: null,
  rank: id,
  finalStatus: 'pending',
  version: id * 10,
  scores: [],
  decision: null,
});

describe('collapseDuplicates', () => {
  it('folds exact duplicates into the first (best) card, keeping order', () => {
    const cards = collapseDuplicates([cand(1, 'a'), cand(2, 'b'), cand(3, 'a'), cand(4, 'a'), cand(5, 'c')]);
    expect(cards.map((c) => c.id)).toEqual([1, 2, 5]);
    expect(cards[0].duplicates).toEqual([
      { id: 3, sampleIndex: 3, version: 30, finalStatus: 'pending' },
      { id: 4, sampleIndex: 4, version: 40, finalStatus: 'pending' },
    ]);
    expect(cards[1].duplicates).toEqual([]);
  });
  it('never groups empty hashes', () => {
    expect(collapseDuplicates([cand(1, ''), cand(2, '')]).map((c) => c.id)).toEqual([1, 2]);
  });
});

describe('detectConflict', () => {
  const current = { candidateId: 7, version: 3, finalStatus: 'approved' as const, verdict: 'approved' as const, by: 'Alice', at: '2026-01-01T00:00:00.000Z' };
  it('lets the write through when the version read is current', () => {
    expect(detectConflict(3, current)).toBeNull();
  });
  it('refuses a stale write and names who decided what', () => {
    const c = detectConflict(2, current);
    expect(c).toMatchObject({ yourVersion: 2, currentVersion: 3, verdict: 'approved', by: 'Alice' });
    expect(c!.message).toMatch(/^Alice approved candidate #7 meanwhile/);
  });
  it('describes a reset by someone unknown', () => {
    expect(detectConflict(5, { ...current, verdict: null, by: null, finalStatus: 'accepted' })!.message).toMatch(/^Someone else reset candidate #7 to the auto verdict meanwhile/);
  });
});
