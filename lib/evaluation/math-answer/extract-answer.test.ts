import { describe, expect, it } from 'vitest';
import { extractAnswer, extractMarkedAnswer, type ExtractHow } from './extract-answer';

describe('extractAnswer', () => {
  const cases: [string, string, string | null, ExtractHow | null][] = [
    // [name, text, answer, how]
    ['boxed', 'so $x = \\boxed{5}$.', '5', 'boxed'],
    ['nested braces', 'Thus $\\boxed{\\frac{\\sqrt{3}}{2}}$.', '\\frac{\\sqrt{3}}{2}', 'boxed'],
    ['last of several boxed', 'first \\boxed{1}, then \\boxed{2}', '2', 'boxed'],
    ['set braces inside boxed', '$\\boxed{\\{1\\pm\\sqrt{5},-2\\}}$', '\\{1\\pm\\sqrt{5},-2\\}', 'boxed'],
    ['boxed with a space', 'is \\boxed {7}.', '7', 'boxed'],
    ['boxed without braces', 'is $\\boxed 5$', '5', 'boxed'],
    ['fbox', 'answer: \\fbox{12}', '12', 'boxed'],
    ['truncated last box falls back to the one before', 'so \\boxed{3}. Check: \\boxed{\\frac{1', '3', 'boxed'],
    ['empty box skipped', '\\boxed{4} and \\boxed{}', '4', 'boxed'],
    ['boxed beats a later A: line', '\\boxed{9}\nA: 8', '9', 'boxed'],
    ['GSM8K ####', 'She makes 9 * 2 = $<<9*2=18>>18 every day.\n#### 18', '18', 'hash'],
    ['#### with commas', 'total\n#### 1,234', '1,234', 'hash'],
    ['last line A:', 'She has 13 * 2 = $<<13*2=26>>26\nA: 26', '26', 'A:'],
    ['A: with trailing blank lines', 'so\nA: 3,000\n\n', '3,000', 'A:'],
    ['the answer is', 'So the answer is 42.', '42', 'phrase'],
    ['final answer with math', 'Final Answer: The final answer is $\\frac{1}{2}$. I hope it is correct.', '\\frac{1}{2}', 'phrase'],
    ['markdown bold', '**Final answer:** 17', '17', 'phrase'],
    ['answer on the next line', 'The answer is:\n3 apples', '3 apples', 'phrase'],
    ['decimal point is not a sentence end', 'The answer is 3.5 hours.', '3.5 hours', 'phrase'],
    ['last number', 'We get 12 apples, then 7.', '7', 'last-number'],
    ['last number keeps sign, commas and decimals', 'so the balance is -1,250.75', '-1,250.75', 'last-number'],
    // Real, truncated GPT-3 solution (gsm8k #205): the unfinished <<… annotation is ignored.
    ['calculator annotations are not answers', 'popped in the first 1440 seconds is 796224000 * 4 = <<796224', '4', 'last-number'],
    ['real one-number solution (gsm8k)', '25', '25', 'last-number'],
    ['nothing', 'I do not know.', null, null],
    ['empty', '', null, null],
  ];
  it.each(cases)('%s', (_name, text, answer, how) => {
    const found = extractAnswer(text);
    expect(found?.answer ?? null).toBe(answer);
    expect(found?.how ?? null).toBe(how);
  });

  it('takes the last boxed of a real MATH-500 solution', () => {
    const solution =
      'Applying the midpoint formula gives us $$\\left(\\frac{-5+3}{2},\\frac{5+7}{2}\\right)=\\boxed{(-1,6)}.$$';
    expect(extractAnswer(solution)).toEqual({ answer: '(-1,6)', how: 'boxed' });
  });

  it('is fast on long text without markers (no catastrophic backtracking)', () => {
    const text = 'answer '.repeat(20_000) + 'x'.repeat(50_000) + ' 1'.repeat(20_000);
    const start = performance.now();
    expect(extractAnswer(text)?.how).toBe('last-number');
    expect(performance.now() - start).toBeLessThan(200);
  });
});

describe('extractMarkedAnswer', () => {
  it('only uses explicit markers, so a bare reference stays whole', () => {
    expect(extractMarkedAnswer('p - q')).toBeNull();
    expect(extractMarkedAnswer('x^3+3x-6')).toBeNull();
    expect(extractMarkedAnswer('Janet sells 9 eggs.\nA: 18')?.answer).toBe('18');
    expect(extractMarkedAnswer('#### 72')?.answer).toBe('72');
  });
});
