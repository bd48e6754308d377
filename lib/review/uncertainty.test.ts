import { describe, expect, it } from 'vitest';
import { uncertaintyReasons, uncertaintyScore } from './uncertainty';

const p = (acceptedCount: number, topScore: number | null, margin: number | null, flags: string[] = []) => ({ acceptedCount, topScore, margin, flags });

describe('uncertaintyScore', () => {
  it('is 0 for a prompt with nothing scored and no flags', () => {
    expect(uncertaintyScore(p(0, null, null), 0.5)).toBe(0);
  });

  it('peaks when nothing is accepted and the best sits on the threshold', () => {
    expect(uncertaintyScore(p(0, 0.5, 1), 0.5)).toBeCloseTo(0.4);
    expect(uncertaintyScore(p(0, 0.45, 1), 0.5)).toBeCloseTo(0.4 * 0.8);
    expect(uncertaintyScore(p(0, 0.1, 1), 0.5)).toBe(0); // far below
  });

  it('does not count "near the threshold" once a candidate is accepted', () => {
    expect(uncertaintyScore(p(1, 0.5, 1), 0.5)).toBe(0);
  });

  it('grows as the top two get closer', () => {
    const wide = uncertaintyScore(p(1, 0.9, 0.15), 0.5);
    const tight = uncertaintyScore(p(1, 0.9, 0.01), 0.5);
    expect(tight).toBeGreaterThan(wide);
    expect(uncertaintyScore(p(1, 0.9, 0), 0.5)).toBeCloseTo(0.25);
  });

  it('adds the disagreement flags', () => {
    expect(uncertaintyScore(p(1, 0.9, 1, ['gate-judge-disagree']), 0.5)).toBeCloseTo(0.2);
    expect(uncertaintyScore(p(1, 0.9, 1, ['gate-judge-disagree', 'pairwise-inconsistent']), 0.5)).toBeCloseTo(0.35);
    expect(uncertaintyScore(p(1, 0.9, 1, ['no-accepted']), 0.5)).toBe(0);
  });

  it('orders a near-miss above a clear case', () => {
    const nearMiss = uncertaintyScore(p(0, 0.48, 0.05), 0.5);
    const clear = uncertaintyScore(p(1, 0.95, 0.6), 0.5);
    expect(nearMiss).toBeGreaterThan(clear);
    expect(nearMiss).toBeLessThanOrEqual(1);
  });

  it('explains itself', () => {
    expect(uncertaintyReasons(p(0, 0.48, 0.05, ['gate-judge-disagree']), 0.5)).toEqual([
      'best 0.48 near threshold 0.50',
      'top two 0.05 apart',
      'gate and judge disagree',
    ]);
    expect(uncertaintyReasons(p(2, 0.9, 0.5), 0.5)).toEqual([]);
  });
});
