import { describe, expect, it } from 'vitest';
import { cohensKappa, measureAgreement, tally, EMPTY_CONFUSION } from './agreement';
import { kappaInterval, wilsonInterval } from './intervals';

describe('Wilson interval (hand-computed)', () => {
  it('8 of 10 → [0.4902, 0.9433]', () => {
    const ci = wilsonInterval(8, 10)!;
    expect(ci.low).toBeCloseTo(0.49016, 4);
    expect(ci.high).toBeCloseTo(0.94332, 4);
  });
  it('0 of 10 → [0, 0.2775]: never below 0, unlike the normal approximation', () => {
    const ci = wilsonInterval(0, 10)!;
    expect(ci.low).toBe(0);
    expect(ci.high).toBeCloseTo(0.27753, 4);
  });
  it('10 of 10 mirrors 0 of 10', () => {
    const ci = wilsonInterval(10, 10)!;
    expect(ci.high).toBe(1);
    expect(ci.low).toBeCloseTo(1 - 0.27753, 4);
  });
  it('n = 0 has no interval', () => expect(wilsonInterval(0, 0)).toBeNull());
});

describe("Cohen's κ (hand-computed)", () => {
  // tp 20, fp 5, fn 10, tn 15: po = 0.7, pe = 0.5·0.6 + 0.5·0.4 = 0.5, κ = 0.4.
  const c = { tp: 20, fp: 5, fn: 10, tn: 15 };
  it('κ, accuracy, precision, recall', () => {
    const a = measureAgreement(c);
    expect(a.n).toBe(50);
    expect(a.kappa).toBeCloseTo(0.4, 12);
    expect(a.accuracy).toBeCloseTo(0.7, 12);
    expect(a.precision).toBeCloseTo(0.8, 12);
    expect(a.recall).toBeCloseTo(2 / 3, 12);
  });
  it('κ interval: SE = √(0.7·0.3 / (50·0.25)) = 0.12961 → 0.4 ± 0.25404', () => {
    const ci = measureAgreement(c).kappaCi!;
    expect(ci.low).toBeCloseTo(0.14596, 4);
    expect(ci.high).toBeCloseTo(0.65404, 4);
    expect(kappaInterval(0.7, 0.5, 50)).toEqual(ci);
  });
  it('perfect agreement is 1, agreement at chance is 0, systematic disagreement is negative', () => {
    expect(cohensKappa({ tp: 3, fp: 0, fn: 0, tn: 7 }).kappa).toBe(1);
    expect(cohensKappa({ tp: 25, fp: 25, fn: 25, tn: 25 }).kappa).toBeCloseTo(0, 12);
    expect(cohensKappa({ tp: 0, fp: 5, fn: 5, tn: 0 }).kappa).toBe(-1);
  });
  it('κ is undefined when both raters always say the same single thing', () => {
    expect(cohensKappa({ tp: 10, fp: 0, fn: 0, tn: 0 }).kappa).toBeNull();
    expect(measureAgreement({ tp: 10, fp: 0, fn: 0, tn: 0 })).toMatchObject({ accuracy: 1, kappa: null, kappaCi: null, recall: 1 });
  });
  it('empty sample: every figure is null', () => {
    expect(measureAgreement(EMPTY_CONFUSION)).toMatchObject({ n: 0, accuracy: null, precision: null, recall: null, kappa: null, accuracyCi: null });
  });
  it('tally puts counts in the right cells', () => {
    let c2 = tally(EMPTY_CONFUSION, true, true, 2);
    c2 = tally(c2, true, false);
    c2 = tally(c2, false, true, 3);
    c2 = tally(c2, false, false, 4);
    expect(c2).toEqual({ tp: 2, fp: 1, fn: 3, tn: 4 });
  });
});
