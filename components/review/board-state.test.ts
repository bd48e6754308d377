import { describe, expect, it } from 'vitest';
import type { Board, BoardCard } from '@/lib/review/types';
import { allVersions, applyStates, displayOrder, predictAcceptBest, predictDecision } from './board-state';

const card = (id: number, sampleIndex: number, extra: Partial<BoardCard> = {}): BoardCard => ({
  id,
  sampleIndex,
  model: null,
  content: '',
  contentHash: String(id),
  finishReason: null,
  completionTokens: null,
  aggregate: null,
  autoVerdict: 'rejected',
  verdictReason: null,
  rank: null,
  finalStatus: 'rejected',
  version: 1,
  scores: [],
  decision: null,
  duplicates: [],
  ...extra,
});
const board = (cards: BoardCard[]) => ({ cards }) as unknown as Board;
const me = { id: 'u1', name: 'Me' };

describe('board state', () => {
  it('predicts a decision like the server: version + 1, reset goes back to the auto verdict', () => {
    expect(predictDecision(card(1, 0, { version: 4 }), 'approve', me)).toMatchObject({ version: 5, finalStatus: 'approved', decision: { verdict: 'approved', reviewer: 'Me' } });
    expect(predictDecision(card(1, 0, { autoVerdict: 'accepted' }), 'reset', me)).toMatchObject({ finalStatus: 'accepted', decision: null });
  });

  it('applies states to cards and collapsed duplicates', () => {
    const b = board([card(1, 0, { duplicates: [{ id: 3, sampleIndex: 2, version: 1, finalStatus: 'rejected' }] }), card(2, 1)]);
    const next = applyStates(b, [
      { candidateId: 3, version: 2, finalStatus: 'approved', decision: null },
      { candidateId: 2, version: 7, finalStatus: 'approved', decision: null },
    ]);
    expect(next.cards[0].duplicates[0]).toMatchObject({ version: 2, finalStatus: 'approved' });
    expect(next.cards[1]).toMatchObject({ version: 7, finalStatus: 'approved' });
    expect(b.cards[1].version).toBe(1); // not mutated
  });

  it('accept best: approve the best, reject the rest, skip what is already so', () => {
    const b = board([card(1, 1), card(2, 0, { decision: { verdict: 'rejected', reviewerId: 'x', reviewer: 'X', note: null, updatedAt: '' } }), card(4, 2, { duplicates: [{ id: 5, sampleIndex: 3, version: 1, finalStatus: 'rejected' }] })]);
    expect(predictAcceptBest(b, 1, me).map((s) => [s.candidateId, s.finalStatus])).toEqual([
      [1, 'approved'],
      [4, 'rejected'],
      [5, 'rejected'],
    ]);
    expect(allVersions(b).map((v) => v.candidateId)).toEqual([1, 2, 4, 5]);
  });

  it('blind mode orders by sample index, not rank', () => {
    const b = board([card(1, 2), card(2, 0), card(3, 1)]);
    expect(displayOrder(b, true).map((c) => c.id)).toEqual([2, 3, 1]);
    expect(displayOrder(b, false).map((c) => c.id)).toEqual([1, 2, 3]);
  });
});
