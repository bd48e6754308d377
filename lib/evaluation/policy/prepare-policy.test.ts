import { describe, expect, it } from 'vitest';
import { preparePolicy } from './prepare-policy';
import { parsePolicy } from './schemas';
import { FORMAT, JUDGE, MATH, REWARD } from './test-fixtures';

const evaluators = [MATH, JUDGE, REWARD, FORMAT, { id: 5, name: 'off', role: 'score' as const, weight: 0 }];

describe('preparePolicy', () => {
  it("'all' gates every role-gate evaluator, in evaluator order", () => {
    const plan = preparePolicy(parsePolicy({}), evaluators);
    expect(plan.gates.map((g) => g.name)).toEqual(['math-answer', 'json-schema']);
    expect(plan.gateNames).toBe('math-answer, json-schema');
    expect(plan.scores.map((g) => g.name)).toEqual(['judge', 'reward']);
    expect(plan.judges.map((g) => g.name)).toEqual(['judge']);
    expect(plan.nonJudgeGates.map((g) => g.name)).toEqual(['math-answer', 'json-schema']);
  });

  it('a list gates exactly the named evaluators, scorers included', () => {
    const plan = preparePolicy(parsePolicy({ gates: ['judge'] }), evaluators);
    expect(plan.gates.map((g) => g.name)).toEqual(['judge']);
    expect(plan.scores.map((g) => g.name)).toEqual(['judge', 'reward']);
    expect(plan.nonJudgeGates).toEqual([]);
  });

  it('refuses a gate the dataset does not have', () => {
    expect(() => preparePolicy(parsePolicy({ gates: ['math'] }), evaluators)).toThrow(
      'The policy names gate "math", but the dataset has no such evaluator (it has: math-answer, judge, reward, json-schema, off)',
    );
  });
});
