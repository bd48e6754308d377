// Pure updates of a cached Board for optimistic review actions (and for applying server answers).
import type { DecisionAction } from '@/lib/review/schemas';
import type { Board, BoardCard, CandidateState, FinalStatus } from '@/lib/review/types';

export type Me = { id: string; name: string };

/** Replaces the review state of the candidates named in `states` (cards and collapsed duplicates). */
export function applyStates(board: Board, states: readonly CandidateState[]): Board {
  const byId = new Map(states.map((s) => [s.candidateId, s]));
  return {
    ...board,
    cards: board.cards.map((c) => {
      const s = byId.get(c.id);
      const card: BoardCard = s ? { ...c, version: s.version, finalStatus: s.finalStatus, decision: s.decision } : c;
      const dupChanged = c.duplicates.some((d) => byId.has(d.id));
      if (!dupChanged) return card;
      return {
        ...card,
        duplicates: c.duplicates.map((d) => {
          const ds = byId.get(d.id);
          return ds ? { ...d, version: ds.version, finalStatus: ds.finalStatus } : d;
        }),
      };
    }),
  };
}

/** What the server will answer for one decision, computed ahead (version + 1, like the server). */
export function predictDecision(card: Pick<BoardCard, 'id' | 'version' | 'autoVerdict'>, action: DecisionAction, me: Me): CandidateState {
  const verdict = action === 'approve' ? 'approved' : action === 'reject' ? 'rejected' : null;
  const finalStatus: FinalStatus = verdict ?? card.autoVerdict;
  return {
    candidateId: card.id,
    version: card.version + 1,
    finalStatus,
    decision: verdict ? { verdict, reviewerId: me.id, reviewer: me.name, note: null, updatedAt: new Date().toISOString() } : null,
  };
}

/** The best card: first in rank order (the board is ranked). */
export function bestCard(board: Board): BoardCard | undefined {
  return board.cards[0];
}

/** Every candidate of the prompt (cards and duplicates) with the version read, for accept-best. */
export function allVersions(board: Board): { candidateId: number; version: number }[] {
  return board.cards.flatMap((c) => [{ candidateId: c.id, version: c.version }, ...c.duplicates.map((d) => ({ candidateId: d.id, version: d.version }))]);
}

/** Accept the best, reject the rest: the states to show right away. Unchanged candidates keep theirs. */
export function predictAcceptBest(board: Board, bestId: number, me: Me): CandidateState[] {
  const out: CandidateState[] = [];
  for (const c of board.cards) {
    const members = [
      { id: c.id, version: c.version, autoVerdict: c.autoVerdict, verdict: c.decision?.verdict ?? null },
      // A duplicate's decision is known only when approved (rejected may be the auto verdict).
      ...c.duplicates.map((d) => ({ id: d.id, version: d.version, autoVerdict: c.autoVerdict, verdict: d.finalStatus === 'approved' ? ('approved' as const) : null })),
    ];
    for (const x of members) {
      const want = x.id === bestId ? 'approve' : 'reject';
      if (x.verdict === (want === 'approve' ? 'approved' : 'rejected')) continue;
      out.push(predictDecision(x, want, me));
    }
  }
  return out;
}

/** Cards in display order: ranked, or by sample index in blind mode (rank would give the scores away). */
export function displayOrder(board: Board, blind: boolean): BoardCard[] {
  return blind ? [...board.cards].sort((a, b) => a.sampleIndex - b.sampleIndex || a.id - b.id) : board.cards;
}
