import { describe, expect, it } from 'vitest';
import { choosePairs, tallyPairs } from './pairwise';

describe('choosePairs', () => {
  it('gives every pair once when the cap allows', () => {
    for (const n of [2, 3, 4, 5, 8]) {
      const pairs = choosePairs(n, 1000);
      expect(pairs).toHaveLength((n * (n - 1)) / 2);
      expect(new Set(pairs.map(([a, b]) => `${a}-${b}`)).size).toBe(pairs.length);
      expect(pairs.every(([a, b]) => a < b)).toBe(true);
    }
  });

  it('starts with a ring so a capped schedule still reaches every candidate evenly', () => {
    expect(choosePairs(5, 5)).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [0, 4],
    ]);
    const counts = new Array(10).fill(0);
    for (const [a, b] of choosePairs(10, 20)) {
      counts[a]++;
      counts[b]++;
    }
    expect(counts).toEqual(new Array(10).fill(4));
  });

  it('returns nothing for fewer than two candidates', () => {
    expect(choosePairs(0, 10)).toEqual([]);
    expect(choosePairs(1, 10)).toEqual([]);
  });
});

describe('tallyPairs', () => {
  it('counts both orders as games and maps A/B back to candidates', () => {
    // pair (0,1): first shows 0 as A → "A" = 0 wins; second shows 1 as A → "B" = 0 wins.
    const t = tallyPairs(2, [{ i: 0, j: 1, first: 'A', second: 'B' }]);
    expect(t[0]).toMatchObject({ winRate: 1, games: 2, wins: 2, losses: 0, inconsistentWith: [] });
    expect(t[1]).toMatchObject({ winRate: 0, games: 2, wins: 0, losses: 2, inconsistentWith: [] });
  });

  it('flags orders that disagree (position bias) and scores them as one win each', () => {
    const t = tallyPairs(2, [{ i: 0, j: 1, first: 'A', second: 'A' }]);
    expect(t.map((x) => x.winRate)).toEqual([0.5, 0.5]);
    expect(t.map((x) => x.inconsistentWith)).toEqual([[1], [0]]);
  });

  it('a tie in one order and a win in the other is inconsistent too', () => {
    const t = tallyPairs(2, [{ i: 0, j: 1, first: 'tie', second: 'B' }]);
    expect(t[0]).toMatchObject({ winRate: 0.75, ties: 1, wins: 1, inconsistentWith: [1] });
  });

  it('skips failed calls and leaves candidates without a game at null', () => {
    const t = tallyPairs(3, [
      { i: 0, j: 1, first: null, second: 'A' },
      { i: 1, j: 2, first: null, second: null },
    ]);
    expect(t[0]).toMatchObject({ winRate: 0, games: 1, inconsistentWith: [] });
    expect(t[1]).toMatchObject({ winRate: 1, games: 1 });
    expect(t[2]).toMatchObject({ winRate: null, games: 0 });
  });
});
