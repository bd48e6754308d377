// Exact duplicates (same contentHash) of one prompt become one card with a count. Pure.
import type { BoardCandidate, BoardCard } from './types';

/**
 * Keeps the input order (already best first); the first candidate of each hash represents its
 * group and carries the others as `duplicates`. An empty hash never groups.
 */
export function collapseDuplicates(candidates: readonly BoardCandidate[]): BoardCard[] {
  const byHash = new Map<string, BoardCard>();
  const cards: BoardCard[] = [];
  for (const c of candidates) {
    const head = c.contentHash ? byHash.get(c.contentHash) : undefined;
    if (head) {
      head.duplicates.push({ id: c.id, sampleIndex: c.sampleIndex, version: c.version, finalStatus: c.finalStatus });
      continue;
    }
    const card: BoardCard = { ...c, duplicates: [] };
    if (c.contentHash) byHash.set(c.contentHash, card);
    cards.push(card);
  }
  return cards;
}
