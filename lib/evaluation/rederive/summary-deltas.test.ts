import { describe, expect, it } from 'vitest';
import { SummaryDeltas, type DeltaCandidate, type VerdictState } from './summary-deltas';

const pending: VerdictState = { autoVerdict: 'pending', reason: null, rank: null, aggregate: null, finalStatus: 'pending' };
const accepted = (aggregate: number, rank = 1): VerdictState => ({ autoVerdict: 'accepted', reason: 'passed', rank, aggregate, finalStatus: 'accepted' });
const cut = (aggregate: number, rank: number): VerdictState => ({ autoVerdict: 'rejected', reason: `not in top 1 (rank ${rank})`, rank, aggregate, finalStatus: 'rejected' });
const failed: VerdictState = { autoVerdict: 'rejected', reason: 'failed gate math-answer: got 26, expected 18', rank: 3, aggregate: 0.9, finalStatus: 'rejected' };

function cand(runId: number, sampleIndex: number, old: VerdictState, next: VerdictState, extra: Partial<DeltaCandidate> = {}): DeltaCandidate {
  return { runId, sampleIndex, decision: null, scores: new Map([[7, { value: 0.95 }], [8, { value: null, error: 'timeout' }]]), old, next, ...extra };
}

describe('SummaryDeltas', () => {
  it('moves bins and histograms from the old verdict to the new one, and leaves unchanged candidates out', () => {
    const d = new SummaryDeltas();
    d.addPrompt(1, [cand(5, 0, pending, accepted(0.8)), cand(5, 1, pending, cut(0.4, 2)), cand(5, 2, failed, failed)]);
    const { bins, hist } = d.take();
    expect(bins.bin.map((b, i) => [b, bins.rank[i], bins.n[i]]).sort()).toEqual([[400, 2, 1], [800, 1, 1]]);
    // Only the scorer with a value counts; pending -> accepted and pending -> rejected.
    expect(hist.evaluator.map((e, i) => `${e} ${hist.bin[i]} ${hist.status[i]} ${hist.n[i]}`).sort()).toEqual(['7 9 accepted 1', '7 9 pending -2', '7 9 rejected 1']);
    expect(d.take().bins.n).toEqual([]);
  });

  it('decided candidates go to the reviewed cells, keyed by decision, class, rank and bin', () => {
    const d = new SummaryDeltas();
    d.addPrompt(1, [cand(5, 0, { ...accepted(0.5), finalStatus: 'approved' }, { ...cut(0.5, 2), finalStatus: 'approved' }, { decision: 'approved' })]);
    const { bins, reviewed: r, hist } = d.take();
    expect(bins.n).toEqual([]);
    expect(r.fields[0].map((_, i) => r.fields.map((f) => f[i]).concat(r.n[i]).join(' ')).sort()).toEqual(['accepted approved 1 1 500 -1', 'rejected approved 1 2 500 1']);
    // The final status did not change: no histogram move.
    expect(hist.n).toEqual([]);
  });

  it('gives the first passing sample of each (prompt, run) and prompt whose first pass changed', () => {
    const d = new SummaryDeltas();
    // Run 5: first pass 1 -> 0. Run 6: unchanged (2). Prompt: 1 -> 0.
    d.addPrompt(10, [cand(5, 0, failed, accepted(0.9)), cand(5, 1, accepted(0.7), cut(0.7, 2)), cand(6, 2, accepted(0.6), accepted(0.6)), cand(6, 3, pending, pending)]);
    // Runs 9 (none -> 4) and 3 (1 -> 2) change, in key order; the prompt's first pass stays 0 from run 8.
    d.addPrompt(11, [cand(9, 4, pending, accepted(0.5)), cand(8, 0, accepted(0.9), accepted(0.9)), cand(3, 1, accepted(0.9), failed), cand(3, 2, pending, accepted(0.2))]);
    // Nothing passes any more.
    d.addPrompt(12, [cand(5, 0, accepted(0.9), failed)]);
    const y = d.take().yield;
    expect(y.pairs).toEqual({ prompt: [10, 11, 11, 12], run: [5, 3, 9, 5], firstPass: [0, 2, 4, null], maxIndex: [1, 2, 4, 0] });
    expect(y.prompts).toEqual({ prompt: [10, 12], firstPass: [0, null], maxIndex: [3, 0] });
    expect(d.take().yield.pairs.prompt).toEqual([]);
  });

  it('counts values far outside 0..1 too (a raw import may hold them)', () => {
    const d = new SummaryDeltas();
    d.addPrompt(1, [cand(5, 0, pending, accepted(5000)), cand(5, 1, pending, accepted(0.5), { scores: new Map([[7, { value: -20000 }]]) })]);
    const { bins, hist } = d.take();
    expect(bins.bin.map((b, i) => [b, bins.rank[i], bins.n[i]]).sort()).toEqual([[500, 1, 1], [5000000, 1, 1]]);
    expect(hist.evaluator.map((e, i) => `${e} ${hist.bin[i]} ${hist.status[i]} ${hist.n[i]}`).sort()).toEqual(['7 -200000 accepted 1', '7 -200000 pending -1', '7 9 accepted 1', '7 9 pending -1']);
  });
});
