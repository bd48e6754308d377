import { describe, expect, it } from 'vitest';
import { llmJudgeConfigSchema } from './config';

function issues(input: unknown) {
  const r = llmJudgeConfigSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('llmJudgeConfigSchema', () => {
  it('fills defaults from just an endpoint', () => {
    expect(llmJudgeConfigSchema.parse({ endpoint: ' judge ' })).toEqual({
      endpoint: 'judge',
      mode: 'single',
      scale: 10,
      useReference: true,
      temperature: 0,
      maxTokens: 1024,
      structuredOutput: true,
      timeoutMs: 60_000,
      maxAttempts: 4,
      concurrency: 4,
      rpm: null,
      maxPairs: 20,
    });
  });

  it.each([
    [{}, 'endpoint: name the endpoint that serves the judge model'],
    [{ endpoint: 'j', scale: 1 }, 'scale: must be at least 2'],
    [{ endpoint: 'j', scale: 7.5 }, 'scale: must be a whole number from 2 to 100'],
    [{ endpoint: 'j', mode: 'triple' }, 'mode: must be "single" or "pairwise"'],
    [{ endpoint: 'j', temperature: 3 }, 'temperature: must be at most 2'],
    [{ endpoint: 'j', template: 'no slots' }, 'template: must contain {answer} in single mode'],
    [{ endpoint: 'j', mode: 'pairwise', template: '{answer_a} only' }, 'template: must contain {answer_b} in pairwise mode'],
    [{ endpoint: 'j', maxPairs: 0 }, 'maxPairs: must be at least 1'],
  ])('%j → %s', (input, message) => expect(issues(input)).toContain(message));

  it('rejects unknown keys and non-objects', () => {
    expect(issues({ endpoint: 'j', temprature: 0 }).join()).toMatch(/temprature/);
    expect(issues('judge')).toEqual([': must be a JSON object']);
  });
});
