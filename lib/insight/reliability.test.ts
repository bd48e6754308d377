import { describe, expect, it } from 'vitest';
import { costLine, rollUp } from './cost';
import { buildHistograms } from './histograms';
import { reliabilityCurve } from './reliability';
import { judgeConsistency, repeatedValues, spread } from './consistency';

describe('reliability curve', () => {
  it('bins by decile (1.0 in the last), keeps empty deciles, with Wilson intervals', () => {
    const pts = reliabilityCurve([
      { value: 0.05, approved: 0, total: 2 },
      { value: 0.95, approved: 8, total: 10 },
      { value: 1, approved: 0, total: 0 },
      { value: 0.5, approved: 1, total: 4 },
    ]);
    expect(pts).toHaveLength(10);
    expect(pts[0]).toMatchObject({ decile: 0, total: 2, approved: 0, rate: 0 });
    expect(pts[9]).toMatchObject({ total: 10, approved: 8, rate: 0.8 });
    expect(pts[9].ci!.low).toBeCloseTo(0.49016, 4);
    expect(pts[5].rate).toBe(0.25);
    expect(pts[3]).toMatchObject({ total: 0, rate: null, ci: null });
  });
});

describe('cost', () => {
  it('accepted per dollar, null when nothing was paid', () => {
    expect(costLine({ key: 'r', candidates: 100, accepted: 30, promptTokens: 1, completionTokens: 2, costUsd: 0.6 })).toMatchObject({ acceptanceRate: 0.3, acceptedPerDollar: 50, costPerAccepted: 0.02 });
    expect(costLine({ key: 'r', candidates: 4, accepted: 1, promptTokens: 0, completionTokens: 0, costUsd: 0 }).acceptedPerDollar).toBeNull();
  });
  it('rolls runs up by group', () => {
    const row = (group: string, accepted: number, costUsd: number) => ({ group, key: group, candidates: 10, accepted, promptTokens: 5, completionTokens: 5, costUsd });
    const out = rollUp([row('a', 2, 1), row('b', 1, 1), row('a', 4, 2)]);
    expect(out.map((l) => [l.key, l.candidates, l.accepted, l.acceptedPerDollar])).toEqual([['a', 20, 6, 2], ['b', 10, 1, 1]]);
  });
});

describe('histograms and judge consistency', () => {
  it('puts counts per evaluator, bin and status', () => {
    const h = buildHistograms([{ id: 1, name: 'j', role: 'score' }], [
      { evaluatorId: 1, bin: 9, status: 'approved', count: 3 },
      { evaluatorId: 1, bin: 0, status: 'rejected', count: 2 },
      { evaluatorId: 2, bin: 0, status: 'rejected', count: 99 },
    ]);
    expect(h).toHaveLength(1);
    expect(h[0].total).toBe(5);
    expect(h[0].bins[9].approved).toBe(3);
    expect(h[0].bins[0].rejected).toBe(2);
  });
  it('reads repeated judgments and their spread', () => {
    expect(repeatedValues({ samples: [0.2, 0.6, { value: 0.4 }] })).toEqual([0.2, 0.6, 0.4]);
    expect(repeatedValues({ samples: [0.2] })).toBeNull();
    expect(repeatedValues('x')).toBeNull();
    expect(spread([0.2, 0.6, 0.4])).toBeCloseTo(0.4, 12);
    expect(judgeConsistency({ inconsistentPrompts: 3, judgedPrompts: 12, spreads: [0.2, 0.4] })).toEqual({
      pairwise: { inconsistent: 3, judged: 12, share: 0.25 },
      repeated: { scores: 2, meanSpread: expect.closeTo(0.3, 12), maxSpread: 0.4 },
    });
    expect(judgeConsistency({ inconsistentPrompts: 0, judgedPrompts: 0, spreads: [] }).pairwise.share).toBeNull();
  });
});
