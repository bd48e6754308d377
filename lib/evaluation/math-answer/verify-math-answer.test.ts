import { describe, expect, it } from 'vitest';
import { referenceAnswer, verifyMathAnswer } from './verify-math-answer';

// Real GSM8K problem #1 (Janet's ducks): ground truth and two GPT-3 solutions.
const groundTruth =
  'Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 duck eggs a day.\nShe makes 9 * 2 = $<<9*2=18>>18 every day at the farmer\u2019s market.\nA: 18';
const wrong =
  'Janet eats 3 ducks eggs for breakfast every morning and she sells the rest so she has 16 - 3 = <<16-3=13>>13 ducks eggs left\nShe has 13 ducks eggs and she sells 2 each day so she makes 13 * 2 = $<<13*2=26>>26\nA: 26';
const right =
  "Janet eats 3 duck eggs for breakfast and bakes 4 into muffins so 3 + 4 = <<3+4=7>>7 duck eggs are used\nEach day Janet's ducks lay 16 eggs and she uses 7, 16 - 7 = <<16-7=9>>9 duck eggs are for sale\nShe sells her eggs for $2 per egg and has 9 available for sale so 2 * 9 = $<<2*9=18>>18 per day\nA: 18";

describe('verifyMathAnswer', () => {
  it('judges real GSM8K solutions against a worked reference', () => {
    expect(verifyMathAnswer(wrong, groundTruth)).toEqual({
      passed: false,
      got: '26',
      expected: '18',
      reason: 'got 26, expected 18',
    });
    expect(verifyMathAnswer(right, groundTruth)).toMatchObject({ passed: true, got: '18', expected: '18' });
  });

  it('accepts GSM8K `####` references and bare ones', () => {
    expect(verifyMathAnswer(right, 'She makes $18.\n#### 18').passed).toBe(true);
    expect(verifyMathAnswer(right, '18').passed).toBe(true);
    // Real candidate labelled correct (gsm8k #420): "A: 3,000" against "A: 3000".
    expect(verifyMathAnswer('Oliver must climb 3,000 feet.\nA: 3,000', 'so he climbs 3000 feet.\nA: 3000').passed).toBe(true);
  });

  it('judges real MATH-500 solutions against their answers', () => {
    const cases: [string, string][] = [
      ['Factor 242 as $11^2 \\cdot 2$. Then $\\sqrt{242} = \\sqrt{11^2} \\cdot \\sqrt2 = \\boxed{11\\sqrt2}$.', '11\\sqrt2'],
      ['so the solution is $x \\in \\boxed{(5,\\infty)}.$', '(5,\\infty)'],
      ['$\\frac{\\$14.40}{.4}=\\boxed{\\$36}$', '\\$36'],
      ['we have $\\angle STR = 180^\\circ - \\angle R = \\boxed{75^\\circ}$.', '75^\\circ'],
      ['so $\\frac{1}{3}Bh = \\boxed{65}.\\]', '65'],
      ['we get $\\boxed{6r^2-4r-24}.$', '6r^2-4r-24'],
    ];
    for (const [solution, answer] of cases) expect(verifyMathAnswer(solution, answer).passed).toBe(true);
    // A different but equivalent candidate form.
    expect(verifyMathAnswer('The answer is $\\boxed{\\sqrt{242}}$', '11\\sqrt2').passed).toBe(true);
    expect(verifyMathAnswer('The answer is $\\boxed{(5, 10)}$', '(5,\\infty)').passed).toBe(false);
  });

  it('extracts from a LaTeX reference with \\boxed', () => {
    expect(verifyMathAnswer('0.5', 'so $p = \\boxed{\\frac12}$.')).toMatchObject({ passed: true, expected: '\\frac12' });
  });

  it('explains failures', () => {
    expect(verifyMathAnswer('I cannot solve this.', '18')).toEqual({
      passed: false,
      got: null,
      expected: '18',
      reason: 'no final answer found',
    });
    expect(verifyMathAnswer('so maybe 7 or 8', '18').reason).toBe(
      'got 8, expected 18 (no marked answer; took the last number)',
    );
    expect(verifyMathAnswer('A: 5', '  ').reason).toBe('the reference has no answer');
  });
});

describe('referenceAnswer', () => {
  it.each([
    ['p - q', 'p - q'],
    ['  \\frac{14}{3} ', '\\frac{14}{3}'],
    ['worked\n#### 1,234', '1,234'],
    ['worked\nA: 72', '72'],
    ['$= \\boxed{(15,-29)}.$', '(15,-29)'],
  ])('%s → %s', (reference, expected) => expect(referenceAnswer(reference)).toBe(expected));
});
