import { describe, expect, it } from 'vitest';
import { yieldCurve, yieldFromLabels } from './yield-by-n';

describe('yield by N', () => {
  it('from labels: share of prompts with a pass among the first k samples', () => {
    const curve = yieldFromLabels([
      [false, true, false],
      [false, false, false],
      [true, true, true],
      [false, false, true],
    ]);
    expect(curve).toEqual([
      { k: 1, prompts: 1, share: 0.25 },
      { k: 2, prompts: 2, share: 0.5 },
      { k: 3, prompts: 3, share: 0.75 },
    ]);
  });
  it('from grouped first-pass counts, the same curve', () => {
    expect(
      yieldCurve(
        [
          { firstPass: 1, prompts: 1 },
          { firstPass: null, prompts: 1 },
          { firstPass: 0, prompts: 1 },
          { firstPass: 2, prompts: 1 },
        ],
        3,
      ).map((p) => p.share),
    ).toEqual([0.25, 0.5, 0.75]);
  });
  it('is non-decreasing and empty for no samples', () => {
    expect(yieldCurve([], 0)).toEqual([]);
    expect(yieldCurve([{ firstPass: null, prompts: 4 }], 2).map((p) => p.share)).toEqual([0, 0]);
  });
});
