import { describe, expect, it } from 'vitest';
import { BINS, binOf, firstBin, suggestThreshold, type ThresholdInput } from './threshold-search';

function input(over: Partial<ThresholdInput> = {}): ThresholdInput {
  const reviewed = Array.from({ length: BINS }, () => ({ approved: 0, rejected: 0 }));
  reviewed[binOf(0.2)] = { approved: 0, rejected: 2 };
  reviewed[binOf(0.4)] = { approved: 1, rejected: 3 };
  reviewed[binOf(0.6)] = { approved: 4, rejected: 1 };
  reviewed[binOf(0.8)] = { approved: 5, rejected: 0 };
  const unreviewed = new Array<number>(BINS).fill(0);
  unreviewed[binOf(0.65)] = 7;
  unreviewed[binOf(0.55)] = 5;
  unreviewed[binOf(0.3)] = 2;
  return { reviewed, unreviewed, alwaysAccept: { approved: 0, rejected: 0 }, alwaysReject: { approved: 1, rejected: 2 }, current: 0.7, ...over };
}

describe('suggestThreshold (hand-computed)', () => {
  // Accuracy by threshold: ≤0.2 → 12/19, (0.2,0.4] → 14/19, (0.4,0.6] → 16/19, (0.6,0.8] → 13/19, >0.8 → 8/19.
  it('maximises agreement; among equals takes the one nearest the current threshold', () => {
    const s = suggestThreshold(input())!;
    expect(s.mode).toBe('agreement');
    expect(s.threshold).toBe(0.6);
    expect(s.suggested.confusion).toEqual({ tp: 9, fp: 1, fn: 2, tn: 7 });
    expect(s.suggested.accuracy).toBeCloseTo(16 / 19, 12);
    expect(s.suggested.kappa).toBeCloseTo(122 / 179, 12);
    expect(s.atCurrent.accuracy).toBeCloseTo(13 / 19, 12);
    // Lowering 0.70 → 0.60 accepts the unreviewed 0.65s, rejects nothing.
    expect(s).toMatchObject({ wouldAccept: 7, wouldReject: 0 });
    expect(s.curve).toHaveLength(101);
    expect(s.curve[30].accuracy).toBeCloseTo(14 / 19, 12);
    expect(s.curve[10].accuracy).toBeCloseTo(12 / 19, 12);
  });

  it('from a low threshold the same suggestion rejects the unreviewed between', () => {
    const s = suggestThreshold(input({ current: 0.25 }))!;
    expect(s.threshold).toBe(0.41);
    expect(s).toMatchObject({ wouldAccept: 0, wouldReject: 2 });
  });

  it('target precision: the lowest threshold that reaches it', () => {
    const p1 = suggestThreshold(input({ targetPrecision: 1 }))!;
    expect(p1).toMatchObject({ mode: 'precision', threshold: 0.61, wouldAccept: 7, wouldReject: 0 });
    expect(p1.suggested.precision).toBe(1);
    const p9 = suggestThreshold(input({ targetPrecision: 0.9 }))!;
    expect(p9.threshold).toBe(0.41);
    expect(p9.wouldAccept).toBe(12);
  });

  it('an unreachable target precision gives no suggestion', () => {
    const i = input({ alwaysAccept: { approved: 0, rejected: 5 } });
    expect(suggestThreshold({ ...i, targetPrecision: 1 })).toBeNull();
  });

  it('nothing reviewed that the threshold decides: no suggestion', () => {
    const reviewed = Array.from({ length: BINS }, () => ({ approved: 0, rejected: 0 }));
    expect(suggestThreshold(input({ reviewed }))).toBeNull();
  });

  it('bins follow the policy comparison (equal passes, float noise tolerated)', () => {
    expect(firstBin(0.5)).toBe(500);
    expect(binOf(0.5)).toBe(500);
    expect(binOf((0.1 + 0.2) / 0.6)).toBe(500);
    expect(binOf(0.4999)).toBe(499);
    expect(binOf(1)).toBe(1000);
    expect(firstBin(0.625)).toBe(625);
  });
});
