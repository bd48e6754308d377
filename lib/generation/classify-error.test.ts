import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { describe, expect, it } from 'vitest';
import { startFakeOpenAI } from '../testing/fake-openai';
import { classifyError, classifyStatus, redactSecrets } from './classify-error';

const apiError = (status: number, message: string, headers: Record<string, string> = {}, code?: string) =>
  APIError.generate(status, { error: { message, type: 'x', code: code ?? null } }, undefined, new Headers(headers));

describe('classifyError', () => {
  it('maps SDK errors by status', () => {
    expect(classifyError(apiError(429, 'Rate limit reached', { 'retry-after': '2' }))).toEqual({
      retryable: true,
      kind: 'rate_limit',
      message: '429 Rate limit reached',
      retryAfterMs: 2000,
    });
    expect(classifyError(apiError(500, 'boom'))).toMatchObject({ retryable: true, kind: 'server' });
    expect(classifyError(apiError(503, 'overloaded', { 'retry-after': '7' }))).toMatchObject({ retryable: true, kind: 'server', retryAfterMs: 7000 });
    expect(classifyError(apiError(408, 'timeout'))).toMatchObject({ retryable: true, kind: 'timeout' });
    expect(classifyError(apiError(409, 'conflict'))).toMatchObject({ retryable: true });
    expect(classifyError(apiError(401, 'no'))).toMatchObject({ retryable: false, kind: 'auth' });
    expect(classifyError(apiError(403, 'no'))).toMatchObject({ retryable: false, kind: 'auth' });
    expect(classifyError(apiError(404, 'The model `x` does not exist'))).toMatchObject({ retryable: false, kind: 'not_found' });
    expect(classifyError(apiError(422, 'bad'))).toMatchObject({ retryable: false, kind: 'bad_request', retryAfterMs: null });
  });

  it('keeps the provider message for permanent 4xx', () => {
    const c = classifyError(apiError(400, "max_tokens is too large: 999999. This model supports at most 4096 completion tokens.", { 'retry-after': '1' }));
    expect(c).toEqual({
      retryable: false,
      kind: 'bad_request',
      message: '400 max_tokens is too large: 999999. This model supports at most 4096 completion tokens.',
      retryAfterMs: null,
    });
  });

  it('does not retry an exhausted quota (a 429 that waiting cannot fix)', () => {
    expect(classifyError(apiError(429, 'You exceeded your current quota', {}, 'insufficient_quota'))).toMatchObject({ retryable: false, kind: 'rate_limit' });
  });

  it('timeouts, connection failures, aborts, garbage, stream errors', () => {
    expect(classifyError(new APIConnectionTimeoutError())).toMatchObject({ retryable: true, kind: 'timeout' });
    const refused = new APIConnectionError({ cause: Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }) });
    expect(classifyError(refused)).toMatchObject({ retryable: true, kind: 'connection' });
    expect(classifyError(refused).message).toContain('ECONNREFUSED');
    expect(classifyError(new APIUserAbortError())).toMatchObject({ retryable: false, kind: 'unknown' });
    expect(classifyError(new SyntaxError('Unexpected end of JSON input'))).toMatchObject({ retryable: true, kind: 'garbage' });
    expect(classifyError(new APIError(undefined, { message: 'overloaded' }, undefined, undefined))).toMatchObject({ retryable: true, kind: 'server' });
    expect(classifyError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toMatchObject({ retryable: true, kind: 'connection' });
    expect(classifyError({ status: 502, message: 'Bad gateway' })).toMatchObject({ retryable: true, kind: 'server' });
    expect(classifyError('weird')).toEqual({ retryable: false, kind: 'unknown', message: 'weird', retryAfterMs: null });
  });

  it('never carries an API key in the message', () => {
    const key = 'sk-proj-AbCdEfGhIjKlMnOpQrStUvWx1234';
    const c = classifyError(apiError(401, `Incorrect API key provided: ${key}. You can find your API key at …`));
    expect(c.message).not.toContain('AbCdEf');
    expect(c.message).toContain('sk-***');
    expect(redactSecrets('Authorization: Bearer abc.def-123456')).toBe('Authorization: Bearer ***');
    expect(redactSecrets('url?api_key=zzzzzzzz&x=1')).toBe('url?api_key=***&x=1');
    expect(redactSecrets('my key is hunter2-secret', ['hunter2-secret'])).toBe('my key is ***');
    expect(classifyStatus(500, 'x'.repeat(2000)).message.length).toBe(500);
  });

  it('classifies what a real SDK call against a dead port throws', async () => {
    const client = new OpenAI({ baseURL: 'http://127.0.0.1:9/v1', apiKey: 'sk-test-abcdefgh', maxRetries: 0 });
    const err = await client.models.list().catch((e: unknown) => e);
    expect(classifyError(err)).toMatchObject({ retryable: true, kind: 'connection' });
  });

  it('classifies every fault of the fake server as seen through the SDK', async () => {
    const server = await startFakeOpenAI({ retryAfterSec: 3, strictModels: true });
    try {
      const client = new OpenAI({ baseURL: server.url, apiKey: 'sk-test-abcdefgh', maxRetries: 0, timeout: 200 });
      const call = (model = 'fake-model') => client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
      const kinds: Record<string, unknown> = {};
      for (const fault of ['429', '500', 'hang', 'garbage', '400'] as const) {
        server.setOptions({ scriptedFaults: [fault] });
        const c = classifyError(await call());
        kinds[fault] = [c.kind, c.retryable, c.retryAfterMs];
      }
      kinds.model = classifyError(await call('nope')).kind;
      server.setOptions({ apiKey: 'sk-the-real-key-000' });
      const auth = classifyError(await call());
      expect(kinds).toEqual({
        '429': ['rate_limit', true, 3000],
        '500': ['server', true, null],
        hang: ['timeout', true, null],
        garbage: ['garbage', true, null],
        '400': ['bad_request', false, null],
        model: 'not_found',
      });
      expect(auth).toMatchObject({ kind: 'auth', retryable: false });
      expect(auth.message).not.toContain('abcdefgh');
    } finally {
      await server.close();
    }
  });
});
