import { describe, expect, it } from 'vitest';
import { aggregateScores } from './aggregate-scores';
import type { PolicyScore } from './types';

const ev = (id: number, weight = 1) => ({ id, name: `e${id}`, weight });
const s = (value: number | null, error: string | null = null): PolicyScore => ({ value, passed: null, error });
const scores = (entries: [number, PolicyScore][]) => new Map(entries);

describe('aggregateScores', () => {
  it.each([
    ['weighted mean', [ev(1, 3), ev(2, 1)], [[1, s(1)], [2, s(0)]], { aggregate: 0.75, used: 2, missing: [] }],
    ['errors and nulls are left out and reported', [ev(1), ev(2), ev(3)], [[1, s(0.8)], [2, s(0.9, 'boom')], [3, s(null)]], { aggregate: 0.8, used: 1, missing: ['e2', 'e3'] }],
    ['a not-yet-run evaluator is reported missing', [ev(1), ev(2)], [[1, s(0.4)]], { aggregate: 0.4, used: 1, missing: ['e2'] }],
    ['weight 0 is ignored, never missing', [ev(1), ev(2, 0)], [[1, s(0.6)], [2, s(0)]], { aggregate: 0.6, used: 1, missing: [] }],
    ['negative weight is ignored too', [ev(1), ev(2, -1)], [[1, s(0.6)]], { aggregate: 0.6, used: 1, missing: [] }],
    ['values are clamped to 0..1', [ev(1), ev(2)], [[1, s(3)], [2, s(-1)]], { aggregate: 0.5, used: 2, missing: [] }],
    ['NaN is no value', [ev(1)], [[1, s(Number.NaN)]], { aggregate: null, used: 0, missing: ['e1'] }],
    ['nothing usable gives null', [ev(1)], [], { aggregate: null, used: 0, missing: ['e1'] }],
    ['no evaluators gives null', [], [], { aggregate: null, used: 0, missing: [] }],
  ] as const)('%s', (_name, evaluators, entries, expected) => {
    expect(aggregateScores(evaluators, scores(entries as unknown as [number, PolicyScore][]))).toEqual(expected);
  });
});
