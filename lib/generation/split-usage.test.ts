import { describe, expect, it } from 'vitest';
import { proportional, splitUsage } from './split-usage';

describe('splitUsage', () => {
  it('sums exactly to the billed usage', () => {
    const parts = splitUsage({ promptTokens: 101, completionTokens: 997 }, ['a', 'bbbb', '', 'cc cc cc']);
    expect(parts.reduce((s, p) => s + p.promptTokens, 0)).toBe(101);
    expect(parts.reduce((s, p) => s + p.completionTokens, 0)).toBe(997);
    expect(parts.map((p) => p.promptTokens)).toEqual([26, 25, 25, 25]);
  });

  it('shares completion tokens by length, evenly when every choice is empty', () => {
    expect(splitUsage({ promptTokens: 10, completionTokens: 30 }, ['xx', 'x']).map((p) => p.completionTokens)).toEqual([20, 10]);
    expect(splitUsage({ promptTokens: 0, completionTokens: 5 }, ['', '']).map((p) => p.completionTokens)).toEqual([3, 2]);
  });

  it('one choice takes everything; no choices gives nothing', () => {
    expect(splitUsage({ promptTokens: 7, completionTokens: 9 }, ['hi'])).toEqual([{ promptTokens: 7, completionTokens: 9 }]);
    expect(splitUsage({ promptTokens: 7, completionTokens: 9 }, [])).toEqual([]);
  });

  it('largest remainders get the leftover units', () => {
    expect(proportional(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(proportional(2, [1, 2, 7])).toEqual([0, 1, 1]);
  });
});
