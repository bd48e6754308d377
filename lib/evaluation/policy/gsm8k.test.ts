// End to end on a real GSM8K problem: math-answer gate results from the real verifier feed the policy.
import { describe, expect, it } from 'vitest';
import { verifyMathAnswer } from '../math-answer/verify-math-answer';
import { deriveVerdicts } from './derive-verdicts';
import { explainPrompt, explainVerdict } from './explain';
import { parsePolicy } from './schemas';
import type { PolicyCandidate, PolicyEvaluator, PolicyScore } from './types';

// GSM8K test #1: "Janet's ducks lay 16 eggs per day. She eats three for breakfast every morning and bakes
// muffins for her friends every day with four. She sells the remainder at the farmers' market daily for
// $2 per fresh duck egg. How much in dollars does she make every day at the farmers' market?"
const reference =
  'Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 duck eggs a day.\nShe makes 9 * 2 = $<<9*2=18>>18 every day at the farmer\u2019s market.\nA: 18';

const solutions = [
  'Janet eats 3 ducks eggs for breakfast every morning and she sells the rest so she has 16 - 3 = <<16-3=13>>13 ducks eggs left\nShe has 13 ducks eggs and she sells 2 each day so she makes 13 * 2 = $<<13*2=26>>26\nA: 26',
  "Janet's ducks lay 16 eggs per day, so in a week they lay 16 * 7 = <<16*7=112>>112 eggs.\nShe sells them for $2 each, so she makes 112 * 2 = $<<112*2=224>>224\nA: 224",
  'Janet uses 3 + 4 = <<3+4=7>>7 eggs a day, so 16 - 7 = <<16-7=9>>9 are left.\nShe sells them two at a time, so she makes 9 / 2 = <<9/2=4>>4 sales\nA: 4',
  "Janet eats 3 duck eggs for breakfast and bakes 4 into muffins so 3 + 4 = <<3+4=7>>7 duck eggs are used\nEach day Janet's ducks lay 16 eggs and she uses 7, 16 - 7 = <<16-7=9>>9 duck eggs are for sale\nShe sells her eggs for $2 per egg and has 9 available for sale so 2 * 9 = $<<2*9=18>>18 per day\nA: 18",
];
// What an LLM judge might say: it likes the confident wrong answer (26) best — the gate overrules it.
const judgeValues = [0.85, 0.3, 0.2, 0.77];

const math: PolicyEvaluator = { id: 7, name: 'math-answer', role: 'gate', weight: 1, kind: 'math-answer' };
const judge: PolicyEvaluator = { id: 8, name: 'helpfulness', role: 'score', weight: 1, kind: 'llm-judge' };

describe('policy on GSM8K (Janet’s ducks)', () => {
  const candidates: PolicyCandidate[] = solutions.map((content, i) => {
    const v = verifyMathAnswer(content, reference);
    const scores = new Map<number, PolicyScore>([
      [math.id, { value: v.passed ? 1 : 0, passed: v.passed, rationale: v.reason }],
      [judge.id, { value: judgeValues[i], passed: null }],
    ]);
    return { id: 100 + i, sampleIndex: i, runId: 1, contentHash: `sha-${i}`, scores };
  });
  const r = deriveVerdicts(parsePolicy({}), [math, judge], candidates);

  it('accepts exactly the candidate that answers 18', () => {
    expect(r.candidates.map((c) => c.autoVerdict)).toEqual(['rejected', 'rejected', 'rejected', 'accepted']);
    expect(r.candidates.map((c) => c.rank)).toEqual([2, 3, 4, 1]);
  });

  it('says why the others failed, naming got and expected', () => {
    expect(r.candidates.map((c) => c.reason)).toEqual([
      'failed gate math-answer: got 26, expected 18',
      'failed gate math-answer: got 224, expected 18',
      'failed gate math-answer: got 4, expected 18',
      'passed math-answer; score 0.77 ≥ 0.50',
    ]);
    expect(explainVerdict(r.candidates[3], 4)).toBe('Accepted: passed math-answer; score 0.77 ≥ 0.50; rank 1 of 4');
    expect(explainVerdict(r.candidates[0], 4)).toBe('Rejected: failed gate math-answer: got 26, expected 18; rank 2 of 4');
  });

  it('flags the judge that preferred a wrong answer', () => {
    expect(r.prompt).toEqual({ acceptedCount: 1, topScore: 0.77, margin: expect.closeTo(0.77 - 0.85, 12), flags: ['gate-judge-disagree'] });
    expect(explainPrompt(r.prompt)).toBe('1 accepted; top score 0.77, margin -0.08; flags: a gate and a judge disagree');
  });
});
