import { describe, expect, it } from 'vitest';
import { mathAnswerEvaluator as def } from './math-answer';
import { cands, passes, prompt, run } from './test-helpers';

describe('math-answer gate', () => {
  it.each([
    // [reference, candidate, passed]
    ['Janet makes $18 a day.\n#### 18', 'So she makes 9 * 2 = $18.\nA: 18', true],
    ['Janet makes $18 a day.\n#### 18', 'So she makes 13 * 2 = $26.\nA: 26', false],
    ['18', 'The answer is 18.', true],
    ['\\frac{1}{2}', 'so we get $\\boxed{0.5}$', true],
    ['3,000', 'He must climb 3000 feet. A: 3000', true],
    [{ answer: '42' }, '#### 42', true],
    [7, 'The answer is 7', true],
  ])('reference %j, candidate %j → %s', async (reference, content, expected) => {
    expect(await passes(def, {}, reference, content)).toBe(expected);
  });

  it('explains a failure with what it got and expected', async () => {
    const [r] = await run(def, {}, prompt('#### 18'), cands('A: 26'));
    expect(r).toMatchObject({ passed: false, value: 0, rationale: 'got 26, expected 18' });
  });

  it('is an evaluator error, not a failure, when the prompt has no reference', async () => {
    const [r] = await run(def, {}, prompt(null), cands('A: 26'));
    expect(r).toMatchObject({ passed: null, value: null, error: 'the prompt has no reference answer' });
  });

  it('reads a configured field of an object reference, or a fixed expected answer', async () => {
    expect(await passes(def, { field: 'final' }, { final: '5' }, 'A: 5')).toBe(true);
    expect(await passes(def, { expected: '9' }, '5', 'A: 9')).toBe(true);
  });

  it('refuses unknown config fields', () => {
    expect(def.configSchema.safeParse({ feild: 'x' }).success).toBe(false);
  });
});
