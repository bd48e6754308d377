import { describe, expect, it } from 'vitest';
import { containsEvaluator } from './contains';
import { exactEvaluator } from './exact';
import { lengthEvaluator, estimateTokens } from './length';
import { regexEvaluator } from './regex';
import { cands, passes, prompt, run } from './test-helpers';

describe('exact gate', () => {
  it.each([
    [{}, 'Paris', 'Paris', true],
    [{}, 'Paris', '  Paris \n', true],
    [{}, 'Paris', 'paris', false],
    [{ caseSensitive: false }, 'Paris', 'paris', true],
    [{ normalizeWhitespace: false }, 'Paris', 'Paris ', false],
    [{ expected: 'yes' }, 'ignored', 'yes', true],
    [{ field: 'label' }, { label: 'spam' }, 'spam', true],
  ])('config %j, reference %j, candidate %j → %s', async (config, reference, content, expected) => {
    expect(await passes(exactEvaluator, config, reference, content)).toBe(expected);
  });

  it('errors when there is nothing to compare with', async () => {
    const [r] = await run(exactEvaluator, {}, prompt(null), cands('x'));
    expect(r.error).toMatch(/no expected text/);
  });
});

describe('contains gate', () => {
  it.each([
    [{ text: 'therefore' }, 'A, therefore B', true],
    [{ text: 'Therefore' }, 'a, therefore b', true],
    [{ text: 'Therefore', caseSensitive: true }, 'a, therefore b', false],
    [{ text: ['x', 'y'] }, 'x alone', false],
    [{ text: ['x', 'y'], match: 'any' }, 'x alone', true],
    [{ text: 'As an AI', negate: true }, 'As an AI language model…', false],
    [{ text: 'As an AI', negate: true }, 'Sure: 42', true],
  ])('config %j on %j → %s', async (config, content, expected) => {
    expect(await passes(containsEvaluator, config, null, content)).toBe(expected);
  });

  it('uses the reference when no text is configured', async () => {
    expect(await passes(containsEvaluator, {}, 'Paris', 'It is Paris.')).toBe(true);
    const [r] = await run(containsEvaluator, {}, prompt('Rome'), cands('It is Paris.'));
    expect(r).toMatchObject({ passed: false, rationale: 'does not contain "Rome"' });
  });
});

describe('regex gate', () => {
  it.each([
    [{ pattern: '^Answer: \\d+$', flags: 'm' }, 'Work…\nAnswer: 42', true],
    [{ pattern: '^Answer: \\d+$' }, 'Work…\nAnswer: 42', false],
    [{ pattern: 'answer', flags: 'i' }, 'ANSWER', true],
    [{ pattern: '\\d+', fullMatch: true }, ' 123 ', true],
    [{ pattern: '\\d+', fullMatch: true }, '123 apples', false],
    [{ pattern: 'sorry', flags: 'i', negate: true }, 'Sorry, I cannot', false],
  ])('config %j on %j → %s', async (config, content, expected) => {
    expect(await passes(regexEvaluator, config, null, content)).toBe(expected);
  });

  it('rejects an invalid pattern naming the field', () => {
    const r = regexEvaluator.configSchema.safeParse({ pattern: '(' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(['pattern']);
    expect(regexEvaluator.configSchema.safeParse({}).error!.issues[0].path).toEqual(['pattern']);
    expect(regexEvaluator.configSchema.safeParse({ pattern: 'a', flags: 'g' }).error!.issues[0].path).toEqual(['flags']);
  });
});

describe('length gate', () => {
  it.each([
    [{ min: 3 }, 'abcd', true],
    [{ min: 5 }, 'abcd', false],
    [{ max: 4 }, 'abcd', true],
    [{ max: 3 }, 'abcd', false],
    [{ min: 1, max: 2 }, '🙂🙂', true], // code points, not UTF-16 units
    [{ max: 3, unit: 'tokens' }, 'one two three four', false],
    [{ max: 4, unit: 'tokens' }, 'one two three four', true],
  ])('config %j on %j → %s', async (config, content, expected) => {
    expect(await passes(lengthEvaluator, config, null, content)).toBe(expected);
  });

  it('prefers the provider token count', async () => {
    const [c] = cands('one two three four five');
    const [r] = await run(lengthEvaluator, { max: 3, unit: 'tokens' }, prompt(null), [{ ...c, completionTokens: 2 }]);
    expect(r).toMatchObject({ passed: true, rationale: '2 tokens, within limits' });
  });

  it('estimates tokens from words and symbols', () => {
    expect(estimateTokens('Hello, world! 12345')).toBe(6);
  });

  it('needs a bound and min ≤ max', () => {
    expect(lengthEvaluator.configSchema.safeParse({}).success).toBe(false);
    expect(lengthEvaluator.configSchema.safeParse({ min: 5, max: 2 }).error!.issues[0].path).toEqual(['min']);
  });
});
