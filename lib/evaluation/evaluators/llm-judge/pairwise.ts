// Pairwise judging, the pure part: which pairs to judge, and how two verdicts per pair (one in each
// order) become per-candidate win rates and position-inconsistency flags.
import type { Winner } from './parse-judge-reply';

/**
 * Pairs of indexes into a list of n candidates, at most `cap`. Rounds of the circle method: offset 1
 * (each candidate with its neighbour, wrapping: a ring), then offset 2, … — so every candidate plays
 * about as often as every other, and all n(n−1)/2 pairs are judged when the cap allows.
 */
export function choosePairs(n: number, cap: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const seen = new Set<number>();
  for (let d = 1; d <= Math.floor(n / 2); d++) {
    for (let i = 0; i < n; i++) {
      const j = (i + d) % n;
      const a = Math.min(i, j);
      const b = Math.max(i, j);
      const key = a * n + b;
      if (seen.has(key)) continue;
      if (out.length >= cap) return out;
      seen.add(key);
      out.push([a, b]);
    }
  }
  return out;
}

/** Both orders of one pair: `first` showed i as A, `second` showed j as A. null: that call failed. */
export interface PairOutcome {
  i: number;
  j: number;
  first: Winner | null;
  second: Winner | null;
}

export interface PairwiseTally {
  /** Points (win 1, tie ½) over games played; null when the candidate has no verdict. */
  winRate: number | null;
  games: number;
  wins: number;
  ties: number;
  losses: number;
  /** Pairs where the two orders disagree (e.g. "A" both times: position bias). */
  inconsistentWith: number[];
}

/** Who won in candidate terms: 'i', 'j' or 'tie'. */
function winnerOf(verdict: Winner, aIsI: boolean): 'i' | 'j' | 'tie' {
  if (verdict === 'tie') return 'tie';
  return (verdict === 'A') === aIsI ? 'i' : 'j';
}

/**
 * Each order is one game. A pair is inconsistent when both orders gave a verdict and they name
 * different winners; its games still count (a position-biased "A, A" is one win each), and both
 * candidates are flagged so the policy can show it.
 */
export function tallyPairs(n: number, outcomes: readonly PairOutcome[]): PairwiseTally[] {
  const t: PairwiseTally[] = Array.from({ length: n }, () => ({ winRate: null, games: 0, wins: 0, ties: 0, losses: 0, inconsistentWith: [] }));
  const play = (winner: 'i' | 'j' | 'tie', i: number, j: number) => {
    t[i].games++;
    t[j].games++;
    if (winner === 'tie') {
      t[i].ties++;
      t[j].ties++;
    } else {
      const [w, l] = winner === 'i' ? [i, j] : [j, i];
      t[w].wins++;
      t[l].losses++;
    }
  };
  for (const o of outcomes) {
    const a = o.first === null ? null : winnerOf(o.first, true);
    const b = o.second === null ? null : winnerOf(o.second, false);
    if (a !== null) play(a, o.i, o.j);
    if (b !== null) play(b, o.i, o.j);
    if (a !== null && b !== null && a !== b) {
      t[o.i].inconsistentWith.push(o.j);
      t[o.j].inconsistentWith.push(o.i);
    }
  }
  for (const x of t) if (x.games > 0) x.winRate = (x.wins + x.ties / 2) / x.games;
  return t;
}
