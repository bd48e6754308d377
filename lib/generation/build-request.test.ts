import { describe, expect, it } from 'vitest';
import { buildChatRequest, estimateTokens, promptMessages, withSystem } from './build-request';
import type { RunParams } from './schemas';

const params = (p: Partial<RunParams> = {}): RunParams => ({ n: 4, onlyUnsolved: false, batch: false, timeoutMs: 1000, maxAttempts: 3, ...p });

describe('buildChatRequest', () => {
  it('merges endpoint defaults under run params and never lets defaults set model, n or stream', () => {
    const body = buildChatRequest({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      params: params({ temperature: 0.7, max_tokens: 50 }),
      defaults: { temperature: 1, top_p: 0.9, stream: true, n: 9, model: 'x', stop: ['\n'] },
      n: 4,
      firstSample: 0,
    });
    expect(body).toEqual({ model: 'm', messages: [{ role: 'user', content: 'hi' }], temperature: 0.7, top_p: 0.9, stop: ['\n'], max_tokens: 50, n: 4 });
  });

  it('offsets the seed by the first sample and omits n for a single sample', () => {
    const body = buildChatRequest({ model: 'm', messages: [], params: params({ seed: 100 }), n: 1, firstSample: 3 });
    expect(body.seed).toBe(103);
    expect(body.n).toBeUndefined();
  });

  it('the run system prompt replaces the prompt’s own', () => {
    const msgs = withSystem(
      [
        { role: 'system', content: 'old' },
        { role: 'user', content: 'q' },
      ],
      'new',
    );
    expect(msgs).toEqual([
      { role: 'system', content: 'new' },
      { role: 'user', content: 'q' },
    ]);
  });
});

describe('promptMessages', () => {
  it('accepts chat arrays and strings, stringifies structured content', () => {
    expect(promptMessages('hello')).toEqual([{ role: 'user', content: 'hello' }]);
    expect(promptMessages([{ role: 'user', content: [{ type: 'text', text: 'a' }] }])).toEqual([{ role: 'user', content: '[{"type":"text","text":"a"}]' }]);
    expect(promptMessages(null)).toEqual([]);
  });
});

describe('estimateTokens', () => {
  it('counts prompt characters / 4 plus max_tokens per choice', () => {
    expect(estimateTokens({ model: 'm', messages: [{ role: 'user', content: 'x'.repeat(40) }], max_tokens: 10, n: 3 })).toBe(40);
  });
});
