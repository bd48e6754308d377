import { describe, expect, it } from 'vitest';
import { derivePromptVerdicts, deriveVerdicts } from './derive-verdicts';
import { preparePolicy } from './prepare-policy';
import { parsePolicy, type PolicyInput } from './schemas';
import { cand, type CandSpec, FORMAT, JUDGE, MATH, REWARD, rng, shuffle } from './test-fixtures';
import type { PolicyEvaluator, PromptResult } from './types';

const G = MATH.id;
const J = JUDGE.id;
const R = REWARD.id;

function run(policy: PolicyInput, specs: CandSpec[], evaluators: PolicyEvaluator[] = [MATH, JUDGE]): PromptResult {
  return deriveVerdicts(parsePolicy(policy), evaluators, specs.map(cand));
}

/** id → verdict, compact for table assertions. */
function verdicts(r: PromptResult): Record<number, string> {
  return Object.fromEntries(r.candidates.map((c) => [c.id, c.autoVerdict]));
}
function byId(r: PromptResult, id: number) {
  const c = r.candidates.find((x) => x.id === id);
  if (!c) throw new Error(`no candidate ${id}`);
  return c;
}

describe('derivePromptVerdicts: ranking and ties', () => {
  const tied: CandSpec[] = [
    { id: 10, sampleIndex: 3, scores: { [G]: true, [J]: 0.8 } },
    { id: 11, sampleIndex: 1, scores: { [G]: true, [J]: 0.8 } },
    { id: 12, sampleIndex: 2, scores: { [G]: true, [J]: 0.8 } },
    { id: 13, sampleIndex: 1, runId: 0, scores: { [G]: true, [J]: 0.8 } },
    { id: 14, sampleIndex: 0, scores: { [G]: false, [J]: 0.99 } },
    { id: 15, sampleIndex: 0, scores: { [J]: 0.99 } },
  ];

  it('identical aggregates: sampleIndex, then runId, then id decide', () => {
    const r = run({ topK: 2 }, tied);
    expect(r.candidates.map((c) => [c.id, c.rank])).toEqual([[10, 4], [11, 2], [12, 3], [13, 1], [14, 5], [15, 6]]);
    expect(verdicts(r)).toEqual({ 10: 'rejected', 11: 'accepted', 12: 'rejected', 13: 'accepted', 14: 'rejected', 15: 'pending' });
    expect(byId(r, 12).reason).toBe('not in top 2 (rank 3)');
  });

  it('is stable across 100 shuffles of the input', () => {
    const plan = preparePolicy(parsePolicy({ topK: 2 }), [MATH, JUDGE]);
    const sorted = (r: PromptResult) => [...r.candidates].sort((a, b) => a.id - b.id);
    const expected = sorted(derivePromptVerdicts(plan, tied.map(cand)));
    const random = rng(42);
    for (let i = 0; i < 100; i++) {
      expect(sorted(derivePromptVerdicts(plan, shuffle(tied, random).map(cand)))).toEqual(expected);
    }
  });

  it('ranks eligible first, then by gates passed, then aggregate (null last)', () => {
    const r = run({ threshold: 0.5, topK: 0 }, [
      { id: 1, scores: { [G]: true, [4]: true, [J]: 0.6 } }, // eligible
      { id: 2, scores: { [G]: true, [4]: false, [J]: 0.99 } }, // 1 gate passed
      { id: 3, scores: { [G]: false, [4]: false, [J]: 1 } }, // 0 gates passed
      { id: 4, scores: { [G]: true, [4]: true, [J]: 0.4 } }, // 2 gates passed, below threshold
      { id: 5, scores: { [G]: true, [4]: true, [J]: 'error' } }, // 2 gates, no aggregate
      { id: 6, scores: { [G]: true, [4]: true, [J]: 0.9 } }, // eligible, best
    ], [MATH, JUDGE, FORMAT]);
    expect([...r.candidates].sort((a, b) => a.rank - b.rank).map((c) => c.id)).toEqual([6, 1, 4, 5, 2, 3]);
  });
});

describe('derivePromptVerdicts: top-k', () => {
  const four: CandSpec[] = [
    { id: 1, scores: { [G]: true, [J]: 0.7 } },
    { id: 2, scores: { [G]: true, [J]: 0.9 } },
    { id: 3, scores: { [G]: false, [J]: 0.95 } },
    { id: 4, scores: { [G]: true, [J]: 0.8 } },
  ];
  it.each([
    [1, { 1: 'rejected', 2: 'accepted', 3: 'rejected', 4: 'rejected' }, 1],
    [2, { 1: 'rejected', 2: 'accepted', 3: 'rejected', 4: 'accepted' }, 2],
    [0, { 1: 'accepted', 2: 'accepted', 3: 'rejected', 4: 'accepted' }, 3], // 0 = no cap
    [10, { 1: 'accepted', 2: 'accepted', 3: 'rejected', 4: 'accepted' }, 3],
  ])('topK %i', (topK, expected, count) => {
    const r = run({ topK }, four);
    expect(verdicts(r)).toEqual(expected);
    expect(r.prompt.acceptedCount).toBe(count);
  });

  it('names k and the rank of those left out', () => {
    const r = run({ topK: 1 }, four);
    expect(byId(r, 4).reason).toBe('not in top 1 (rank 2)');
    expect(byId(r, 1)).toMatchObject({ code: 'beyond-top-k', reason: 'not in top 1 (rank 3)' });
    expect(byId(r, 3).reason).toBe('failed gate math-answer: got 26, expected 18');
  });

  it('reports top score and the margin to the second aggregate', () => {
    const r = run({ topK: 1 }, four);
    expect(r.prompt.topScore).toBe(0.9);
    expect(r.prompt.margin).toBeCloseTo(0.1, 12);
    expect(run({}, [four[0]]).prompt).toMatchObject({ topScore: 0.7, margin: null });
  });

  it('margin can be negative when a better-scored candidate was gated out', () => {
    const r = run({}, [four[0], four[2]]);
    expect(r.prompt.margin).toBeCloseTo(0.7 - 0.95, 12);
  });
});

describe('derivePromptVerdicts: all fail', () => {
  it('accepts nothing and flags no-accepted', () => {
    const r = run({ threshold: 0.7 }, [
      { id: 1, scores: { [G]: false, [J]: 0.2 } },
      { id: 2, scores: { [G]: true, [J]: 0.6 } },
      { id: 3, scores: { [G]: { passed: false, value: 0 }, [J]: 0.1 } },
    ]);
    expect(verdicts(r)).toEqual({ 1: 'rejected', 2: 'rejected', 3: 'rejected' });
    expect(r.prompt).toMatchObject({ acceptedCount: 0, flags: ['no-accepted'] });
    expect(byId(r, 2).reason).toBe('score 0.60 below threshold 0.70');
    expect(byId(r, 3).reason).toBe('failed gate math-answer'); // no rationale: just the gate
  });

  it('an empty prompt has no flags', () => {
    expect(run({}, []).prompt).toEqual({ acceptedCount: 0, topScore: null, margin: null, flags: [] });
  });
});

describe('derivePromptVerdicts: duplicates', () => {
  const dupes: CandSpec[] = [
    { id: 1, hash: 'same', scores: { [G]: true, [J]: 0.9 } },
    { id: 2, hash: 'same', scores: { [G]: true, [J]: 0.9 } },
    { id: 3, hash: 'other', scores: { [G]: true, [J]: 0.7 } },
  ];

  it('two identical best answers: one accepted, the next distinct one takes the second slot', () => {
    const r = run({ topK: 2 }, dupes);
    expect(verdicts(r)).toEqual({ 1: 'accepted', 2: 'rejected', 3: 'accepted' });
    expect(byId(r, 2)).toMatchObject({ code: 'duplicate', reason: 'duplicate of candidate #1', rank: 2 });
  });

  it('with dedupe off both copies are accepted', () => {
    expect(verdicts(run({ topK: 2, dedupe: false }, dupes))).toEqual({ 1: 'accepted', 2: 'accepted', 3: 'rejected' });
  });

  it.each([
    ['later points at the accepted one', { 2: 1 }],
    ['accepted one points at the later one', { 1: 2 }],
    ['both point at a third', { 1: 99, 2: 99 }],
  ])('duplicateOfId: %s', (_name, links: Record<number, number>) => {
    const specs = dupes.map((d) => ({ ...d, hash: `h${d.id}`, duplicateOfId: links[d.id] ?? null }));
    const r = run({ topK: 0 }, specs);
    expect(verdicts(r)).toEqual({ 1: 'accepted', 2: 'rejected', 3: 'accepted' });
    expect(byId(r, 2).reason).toBe('duplicate of candidate #1');
  });

  it('a duplicate of a rejected candidate is still judged on its own', () => {
    const r = run({ topK: 0 }, [
      { id: 1, hash: 'same', scores: { [G]: false, [J]: 0.9 } },
      { id: 2, hash: 'same', scores: { [G]: true, [J]: 0.9 } },
    ]);
    expect(verdicts(r)).toEqual({ 1: 'rejected', 2: 'accepted' });
  });
});

describe('derivePromptVerdicts: pending', () => {
  it('a missing gate keeps a candidate pending; pending never counts as accepted', () => {
    const r = run({ topK: 1 }, [
      { id: 1, scores: { [J]: 0.99 } },
      { id: 2, scores: { [G]: true, [J]: 0.6 } },
    ]);
    expect(byId(r, 1)).toMatchObject({ autoVerdict: 'pending', code: 'pending-gate', reason: 'waiting for gate math-answer', aggregate: 0.99 });
    // Pending does not hold a slot: the scored candidate is accepted now.
    expect(byId(r, 2).autoVerdict).toBe('accepted');
    expect(r.prompt.acceptedCount).toBe(1);
  });

  it('a missing score evaluator keeps it pending too (partial scores never accept)', () => {
    const r = run({}, [{ id: 1, scores: { [G]: true, [J]: 0.9 } }], [MATH, JUDGE, REWARD]);
    expect(byId(r, 1)).toMatchObject({ autoVerdict: 'pending', code: 'pending-score', reason: 'waiting for score reward' });
  });

  it('a known rejection does not wait for the rest', () => {
    const r = run({}, [
      { id: 1, scores: { [J]: 0.1 } }, // final aggregate below threshold, gate still to run
      { id: 2, scores: { [G]: false } }, // failed gate, judge still to run
    ]);
    expect(verdicts(r)).toEqual({ 1: 'rejected', 2: 'rejected' });
    expect(byId(r, 1).reason).toBe('score 0.10 below threshold 0.50');
  });

  it('all-pending when nothing is scored, and no-accepted only once nothing is pending', () => {
    const r = run({}, [{ id: 1 }, { id: 2 }]);
    expect(r.prompt.flags).toEqual(['all-pending']);
    expect(verdicts(r)).toEqual({ 1: 'pending', 2: 'pending' });
    const mixed = run({}, [{ id: 1 }, { id: 2, scores: { [G]: false, [J]: 0.1 } }]);
    expect(mixed.prompt.flags).toEqual([]);
  });
});

describe('derivePromptVerdicts: which evaluators gate', () => {
  it('a gate row with a value but no passed flag passes at ≥ 0.5', () => {
    const r = run({ topK: 0 }, [
      { id: 1, scores: { [G]: { value: 0.7 }, [J]: 0.9 } },
      { id: 2, scores: { [G]: { value: 0.2, rationale: 'weak' }, [J]: 0.9 } },
    ]);
    expect(verdicts(r)).toEqual({ 1: 'accepted', 2: 'rejected' });
    expect(byId(r, 2).reason).toBe('failed gate math-answer: weak');
  });

  it('a policy list can make a scorer a gate, and drop role-gate evaluators', () => {
    const r = run({ gates: ['judge'], topK: 0 }, [
      { id: 1, scores: { [G]: false, [J]: { value: 0.9, passed: true } } },
      { id: 2, scores: { [G]: true, [J]: { value: 0.8, passed: false, rationale: 'rude' } } },
    ]);
    expect(verdicts(r)).toEqual({ 1: 'accepted', 2: 'rejected' });
    expect(byId(r, 1).reason).toBe('passed judge; score 0.90 ≥ 0.50');
    expect(byId(r, 2).reason).toBe('failed gate judge: rude');
  });

  it('an empty list means no gates at all', () => {
    const r = run({ gates: [] }, [{ id: 1, scores: { [J]: 0.9 } }]);
    expect(byId(r, 1)).toMatchObject({ autoVerdict: 'accepted', reason: 'score 0.90 ≥ 0.50' });
  });
});

describe('derivePromptVerdicts: errors', () => {
  it('an errored gate rejects, naming the error', () => {
    const r = run({}, [
      { id: 1, scores: { [G]: 'error', [J]: 0.9 } },
      { id: 2, scores: { [G]: {}, [J]: 0.9 } }, // a row with neither result nor error
    ]);
    expect(byId(r, 1)).toMatchObject({ autoVerdict: 'rejected', code: 'gate-errored', reason: 'gate math-answer errored: timeout after 30s' });
    expect(byId(r, 2).reason).toBe('gate math-answer errored: no result');
  });

  it('the first bad gate in evaluator order is named', () => {
    const r = run({}, [{ id: 1, scores: { [4]: false, [G]: 'error', [J]: 0.9 } }], [MATH, FORMAT, JUDGE]);
    expect(byId(r, 1).reason).toBe('gate math-answer errored: timeout after 30s');
  });

  it('an errored scorer is left out of the aggregate and reported', () => {
    const r = run({}, [{ id: 1, scores: { [G]: true, [J]: 'error', [R]: 0.8 } }], [MATH, JUDGE, REWARD]);
    expect(byId(r, 1)).toMatchObject({ autoVerdict: 'accepted', aggregate: 0.8, excluded: ['judge'] });
  });

  it('when every scorer errored there is no score, and that rejects', () => {
    const r = run({}, [{ id: 1, scores: { [G]: true, [J]: 'error', [R]: { value: null } } }], [MATH, JUDGE, REWARD]);
    expect(byId(r, 1)).toMatchObject({
      autoVerdict: 'rejected',
      code: 'no-score',
      reason: 'no score: judge errored: timeout after 30s; reward gave no value',
      aggregate: null,
    });
  });
});

describe('derivePromptVerdicts: weights, thresholds, requireScore', () => {
  const weighted: PolicyEvaluator[] = [MATH, { ...JUDGE, weight: 3 }, { ...REWARD, weight: 0 }];

  it('weights the mean; weight 0 is ignored (and never waited for)', () => {
    const r = run({}, [{ id: 1, scores: { [G]: true, [J]: 0.6 } }], weighted);
    expect(byId(r, 1)).toMatchObject({ autoVerdict: 'accepted', aggregate: 0.6 });
    const both = run({}, [{ id: 1, scores: { [G]: true, [J]: 0.6 } }], [MATH, { ...JUDGE, weight: 3 }, REWARD]);
    expect(both.candidates[0].autoVerdict).toBe('pending');
  });

  it.each([
    [0.5, 0.5, 'accepted'],
    [0.4999, 0.5, 'rejected'],
    [1, 1, 'accepted'],
    [0, 0, 'accepted'],
    [(0.1 + 0.2) / 0.6, 0.5, 'accepted'], // 0.49999999999999994 in floats
  ])('aggregate %s at threshold %s → %s', (value, threshold, expected) => {
    const r = run({ threshold }, [{ id: 1, scores: { [G]: true, [J]: value } }]);
    expect(r.candidates[0].autoVerdict).toBe(expected);
  });

  it('0.499 is written so it visibly differs from 0.50', () => {
    expect(run({}, [{ id: 1, scores: { [G]: true, [J]: 0.499 } }]).candidates[0].reason).toBe('score 0.499 below threshold 0.50');
  });

  it('without score evaluators: gates only, unless requireScore', () => {
    const specs: CandSpec[] = [{ id: 1, scores: { [G]: true } }];
    expect(run({}, specs, [MATH]).candidates[0]).toMatchObject({
      autoVerdict: 'accepted',
      aggregate: null,
      reason: 'passed math-answer; no score (gates only)',
    });
    expect(run({ requireScore: true }, specs, [MATH]).candidates[0]).toMatchObject({
      autoVerdict: 'rejected',
      code: 'no-score',
      reason: 'no score evaluator, and the policy requires a score',
    });
  });

  it('the accepted reason names the gates and the score', () => {
    expect(run({}, [{ id: 1, scores: { [G]: true, [J]: 0.91 } }]).candidates[0].reason).toBe('passed math-answer; score 0.91 ≥ 0.50');
  });
});

describe('derivePromptVerdicts: flags', () => {
  it.each([
    ['gate passes, judge says bad', { [G]: true, [J]: 0.2 }, ['gate-judge-disagree']],
    ['gate fails, judge says good', { [G]: false, [J]: 0.9 }, ['gate-judge-disagree', 'no-accepted']],
    ['both good', { [G]: true, [J]: 0.9 }, []],
    ['both bad', { [G]: false, [J]: 0.2 }, ['no-accepted']],
    ['gate errored', { [G]: 'error', [J]: 0.9 }, ['no-accepted']],
  ] as const)('%s', (_name, scores, flags) => {
    // threshold 0 so the judge's score alone never rejects: the flag is about disagreement only.
    expect(run({ threshold: 0 }, [{ id: 1, scores }]).prompt.flags).toEqual(flags);
  });

  it('judgeAgreeThreshold sets where a judge "says good"', () => {
    const specs: CandSpec[] = [{ id: 1, scores: { [G]: true, [J]: 0.6 } }];
    expect(run({ judgeAgreeThreshold: 0.7 }, specs).prompt.flags).toEqual(['gate-judge-disagree']);
    expect(run({ judgeAgreeThreshold: 0.6 }, specs).prompt.flags).toEqual([]);
  });

  it('a judge used as the only gate cannot disagree with itself', () => {
    const judgeGate: PolicyEvaluator = { ...JUDGE, role: 'gate' };
    expect(run({ threshold: 0 }, [{ id: 1, scores: { [J]: 0.2 } }], [judgeGate]).prompt.flags).toEqual(['no-accepted']);
  });

  it('pairwise-inconsistent comes from the candidate rows', () => {
    const r = run({}, [{ id: 1, scores: { [G]: true, [J]: 0.9 }, pairwiseInconsistent: true }, { id: 2, scores: { [G]: true, [J]: 0.8 } }]);
    expect(r.prompt.flags).toEqual(['pairwise-inconsistent']);
  });
});
