import { describe, expect, it } from 'vitest';
import { pairCandidates } from './pair-dpo';
import { exportFiltersSchema } from './schemas';
import { cand } from './test-fixtures';
import type { ExportCandidate } from './types';

const f = (over = {}) => exportFiltersSchema.parse(over);
const gate = (passed: boolean) => ({ exact: { value: passed ? 1 : 0, passed, rationale: null, error: null } });
const pairs = (list: ExportCandidate[], over = {}, gates = ['exact']) =>
  pairCandidates(list, f(over), gates).map((p) => [p.chosen.id, p.rejected.id]);

describe('pairCandidates (DPO)', () => {
  const good = cand({ id: 1, finalStatus: 'accepted', aggregate: 0.9, rank: 1, scores: gate(true) });
  const ok = cand({ id: 2, finalStatus: 'approved', aggregate: 0.6, rank: 2, scores: gate(true) });
  const gateFail = cand({ id: 3, finalStatus: 'rejected', aggregate: 0.5, scores: gate(false) });
  const low = cand({ id: 4, finalStatus: 'rejected', aggregate: 0.1, scores: gate(true) });

  it('pairs the best chosen with a rejected one that failed a gate first', () => {
    expect(pairs([good, ok, gateFail, low])).toEqual([[1, 3]]);
  });

  it('then the lowest score; M pairs per prompt, best chosen first, each rejected once', () => {
    expect(pairs([good, ok, gateFail, low], { pairsPerPrompt: 3 })).toEqual([
      [1, 3],
      [2, 4],
    ]);
  });

  it('reuses chosen answers when there are more rejected ones', () => {
    const extra = cand({ id: 5, finalStatus: 'rejected', aggregate: 0.2, scores: gate(true) });
    expect(pairs([good, gateFail, low, extra], { pairsPerPrompt: 3 })).toEqual([
      [1, 3],
      [1, 4],
      [1, 5],
    ]);
  });

  it('chosen must pass every gate', () => {
    const noGate = cand({ id: 6, finalStatus: 'accepted', aggregate: 1, rank: 0, scores: {} });
    const failed = cand({ id: 7, finalStatus: 'approved', aggregate: 1, rank: 0, scores: gate(false) });
    expect(pairs([noGate, failed, low])).toEqual([]);
    expect(pairs([noGate, failed, low], {}, [])).toEqual([[6, 4]]);
  });

  it('only accepted/approved candidates are chosen, only rejected ones are rejected', () => {
    const pending = cand({ id: 8, finalStatus: 'pending', aggregate: 0.0, scores: gate(false) });
    expect(pairs([pending, low])).toEqual([]);
    expect(pairs([good, pending])).toEqual([]);
  });

  it('status approved restricts the chosen side to curator approvals', () => {
    expect(pairs([good, ok, low], { status: 'approved' })).toEqual([[2, 4]]);
  });

  it('ties are never paired: equal or missing aggregates with no gate difference', () => {
    const a = cand({ id: 10, finalStatus: 'accepted', aggregate: 0.5, scores: gate(true) });
    const b = cand({ id: 11, finalStatus: 'rejected', aggregate: 0.5, scores: gate(true) });
    expect(pairs([a, b])).toEqual([]);
    const n1 = cand({ id: 12, finalStatus: 'accepted', aggregate: null, scores: gate(true) });
    const n2 = cand({ id: 13, finalStatus: 'rejected', aggregate: null, scores: gate(true) });
    expect(pairs([n1, n2])).toEqual([]);
    const higher = cand({ id: 14, finalStatus: 'rejected', aggregate: 0.9, scores: gate(true) });
    expect(pairs([a, higher])).toEqual([]);
  });

  it('a failed gate is a preference even without scores (gate-only datasets)', () => {
    const c = cand({ id: 15, finalStatus: 'accepted', aggregate: null, scores: gate(true) });
    const r = cand({ id: 16, finalStatus: 'rejected', aggregate: null, scores: gate(false) });
    expect(pairs([c, r])).toEqual([[15, 16]]);
    // …but not when a score margin is asked for: it cannot be measured.
    expect(pairs([c, r], { minMargin: 0.1 })).toEqual([]);
  });

  it('min-margin on the aggregate (0.7 − 0.5 counts as 0.2)', () => {
    const a = cand({ id: 20, finalStatus: 'accepted', aggregate: 0.7, scores: gate(true) });
    const b = cand({ id: 21, finalStatus: 'rejected', aggregate: 0.5, scores: gate(true) });
    const c = cand({ id: 22, finalStatus: 'rejected', aggregate: 0.55, scores: gate(false) });
    expect(pairs([a, b, c], { minMargin: 0.2 })).toEqual([[20, 21]]);
    expect(pairs([a, b, c], { minMargin: 0.25 })).toEqual([]);
    expect(pairs([a, b, c])).toEqual([[20, 22]]);
  });

  it('every pair obeys the rules on random pools', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (let t = 0; t < 200; t++) {
      const list = Array.from({ length: 1 + Math.floor(rnd() * 8) }, (_, i) =>
        cand({
          id: 100 + i,
          finalStatus: (['accepted', 'approved', 'rejected', 'pending'] as const)[Math.floor(rnd() * 4)],
          aggregate: rnd() < 0.1 ? null : Math.round(rnd() * 10) / 10,
          scores: gate(rnd() < 0.7),
        }),
      );
      const M = 1 + Math.floor(rnd() * 3);
      const minMargin = rnd() < 0.5 ? 0 : 0.3;
      const result = pairCandidates(list, f({ pairsPerPrompt: M, minMargin }), ['exact']);
      expect(result.length).toBeLessThanOrEqual(M);
      const usedRejected = new Set<number>();
      for (const p of result) {
        expect(['accepted', 'approved']).toContain(p.chosen.finalStatus);
        expect(p.chosen.scores.exact.passed).toBe(true);
        expect(p.rejected.finalStatus).toBe('rejected');
        if (minMargin > 0) expect(p.margin).toBeGreaterThanOrEqual(minMargin - 1e-9);
        else expect((p.margin ?? 0) > 0 || p.rejected.scores.exact.passed === false).toBe(true);
        expect(usedRejected.has(p.rejected.id)).toBe(false);
        usedRejected.add(p.rejected.id);
      }
    }
  });
});
