// The pure parts of reward-model: config, request body, response path, normalisation.
import { describe, expect, it } from 'vitest';
import { buildBody } from './build-body';
import { rewardModelConfigSchema } from './config';
import { normalizeScore } from './normalize-score';
import { parsePath, readPath } from './read-path';

function issues(input: unknown) {
  const r = rewardModelConfigSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('rewardModelConfigSchema', () => {
  it('defaults to the vLLM score API shape', () => {
    expect(rewardModelConfigSchema.parse({ url: 'http://127.0.0.1:8000/score', model: 'rm' })).toMatchObject({
      batch: true,
      request: { model: '{{model}}', text_1: '{{prompt}}', text_2: '{{candidates}}' },
      responsePath: 'data[*].score',
      normalize: { kind: 'sigmoid', center: 0, temperature: 1 },
      apiKeyEnv: null,
    });
  });

  it.each([
    [{}, 'url: must be an http(s) URL'],
    [{ url: 'file:///etc/passwd' }, 'url: must be an http:// or https:// URL without credentials (use apiKeyEnv for a key)'],
    [{ url: 'http://user:pw@host/score' }, 'url: must be an http:// or https:// URL without credentials (use apiKeyEnv for a key)'],
    [{ url: 'http://h/s', responsePath: 'data[*' }, 'responsePath: must be a path such as data[*].score, scores or outputs[0].reward'],
    [{ url: 'http://h/s', responsePath: 'score' }, 'responsePath: must contain [*] (one score per candidate) when batch is true'],
    [{ url: 'http://h/s', batch: false, request: { text: '{{prompt}}' }, responsePath: 'score' }, 'request: must contain {{candidate}} when batch is false'],
    [{ url: 'http://h/s', batch: false, request: { t: '{{candidate}}' } }, 'responsePath: must name a single number (no [*]) when batch is false'],
    [{ url: 'http://h/s', normalize: { kind: 'min-max', min: 5, max: 1 } }, 'normalize.max: must be greater than min'],
    [{ url: 'http://h/s', normalize: { kind: 'tanh' } }, 'normalize.kind: must be "sigmoid", "none", {"kind": "sigmoid", "center": …, "temperature": …} or {"min": …, "max": …}'],
    [{ url: 'http://h/s', normalize: 'tanh' }, 'normalize.kind: must be "sigmoid", "none", {"kind": "sigmoid", "center": …, "temperature": …} or {"min": …, "max": …}'],
    [{ url: 'http://h/s', apiKeyEnv: 'MY KEY' }, 'apiKeyEnv: must be an environment variable name'],
  ])('%j → %s', (input, message) => expect(issues(input)).toContain(message));
});

describe('buildBody', () => {
  const values = { prompt: 'Q?', model: 'rm', reference: '18', messages: [{ role: 'user', content: 'Q?' }], candidates: ['a', 'b'], candidate: 'x {{prompt}}' };
  it('puts arrays for whole-value placeholders and interpolates the rest once', () => {
    expect(buildBody({ model: '{{model}}', text_1: '{{prompt}}', text_2: '{{candidates}}', n: 1, nested: [{ m: '{{messages}}' }] }, values)).toEqual({
      model: 'rm',
      text_1: 'Q?',
      text_2: ['a', 'b'],
      n: 1,
      nested: [{ m: [{ role: 'user', content: 'Q?' }] }],
    });
    expect(buildBody({ input: 'Question: {{prompt}}\nRef: {{reference}}\nAnswer: {{candidate}}' }, values)).toEqual({ input: 'Question: Q?\nRef: 18\nAnswer: x {{prompt}}' });
  });
});

describe('readPath', () => {
  const doc = { data: [{ score: 0.1 }, { score: 2 }], outputs: [{ reward: -1 }], scores: [3, 4] };
  it.each([
    ['data[*].score', [0.1, 2]],
    ['scores', [3, 4]],
    ['scores[*]', [3, 4]],
    ['outputs[0].reward', -1],
    ['data[5].score', undefined],
    ['missing.key', undefined],
  ])('%s', (p, out) => expect(readPath(doc, parsePath(p)!)).toEqual(out));
  it('reads a bare array and rejects two stars', () => {
    expect(readPath([1, 2], parsePath('[*]')!)).toEqual([1, 2]);
    expect(parsePath('a[*].b[*]')).toBeNull();
    expect(parsePath('')).toBeNull();
  });
});

describe('normalizeScore', () => {
  it.each([
    [0, { kind: 'sigmoid', center: 0, temperature: 1 }, 0.5],
    [2, { kind: 'sigmoid', center: 2, temperature: 1 }, 0.5],
    [Math.log(3), { kind: 'sigmoid', center: 0, temperature: 1 }, 0.75],
    [3, { kind: 'min-max', min: 1, max: 5 }, 0.5],
    [9, { kind: 'min-max', min: 1, max: 5 }, 1],
    [-9, { kind: 'min-max', min: 1, max: 5 }, 0],
    [0.3, { kind: 'none' }, 0.3],
  ] as const)('%d with %j → %d', (x, n, v) => expect(normalizeScore(x, n)).toEqual({ ok: true, value: expect.closeTo(v, 12) }));

  it.each([
    [1.5, { kind: 'none' }, /outside 0\.\.1/],
    ['0.5', { kind: 'none' }, /instead of a number/],
    [null, { kind: 'sigmoid', center: 0, temperature: 1 }, /returned null instead of a number/],
    [undefined, { kind: 'sigmoid', center: 0, temperature: 1 }, /returned nothing/],
    [Number.NaN, { kind: 'min-max', min: 0, max: 1 }, /instead of a number/],
  ] as const)('%j with %j is an error', (x, n, msg) => {
    const r = normalizeScore(x, n);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(msg);
  });
});
