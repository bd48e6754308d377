// Each injected fault, as the real openai SDK sees it, plus the RPM cap and runtime control.
import OpenAI, { APIConnectionTimeoutError, BadRequestError, InternalServerError, RateLimitError } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultOptions } from './options';
import { startFakeOpenAI, type FakeOpenAIServer } from './server';

let server: FakeOpenAIServer;
let client: OpenAI;

beforeAll(async () => {
  server = await startFakeOpenAI({ latencyMs: 5 });
  client = new OpenAI({ baseURL: server.url, apiKey: 'test-key', maxRetries: 0 });
});
afterAll(() => server.close());
beforeEach(() => {
  server.setOptions({ ...defaultOptions, latencyMs: 5, host: undefined, port: undefined, responder: undefined });
  server.reset();
});

const ask = (opts: OpenAI.RequestOptions = {}) =>
  client.chat.completions.create({ model: 'fake-model', messages: [{ role: 'user', content: 'What is 2 + 3?' }] }, opts).catch((e: unknown) => e);

describe('faults', () => {
  it('429 → RateLimitError carrying retry-after and x-ratelimit headers', async () => {
    server.setOptions({ scriptedFaults: ['429'], retryAfterSec: 2 });
    const err = await ask();
    expect(err).toBeInstanceOf(RateLimitError);
    const h = (err as RateLimitError).headers;
    expect(h.get('retry-after')).toBe('2');
    expect(h.get('retry-after-ms')).toBe('2000');
    expect(h.get('x-ratelimit-reset-requests')).toBe('2s');
    expect(h.get('x-ratelimit-remaining-requests')).toBe('0');
    expect((err as RateLimitError).code).toBe('rate_limit_exceeded');
  });

  it('429 without timing headers when retryAfterSec is null', async () => {
    server.setOptions({ scriptedFaults: ['429'], retryAfterSec: null });
    const err = (await ask()) as RateLimitError;
    expect(err.headers.get('retry-after')).toBeNull();
    expect(err.headers.get('x-ratelimit-limit-requests')).not.toBeNull();
  });

  it('500 → InternalServerError, 400 → BadRequestError with the provider message', async () => {
    server.setOptions({ scriptedFaults: ['500', '400'] });
    expect(await ask()).toBeInstanceOf(InternalServerError);
    const bad = (await ask()) as BadRequestError;
    expect(bad).toBeInstanceOf(BadRequestError);
    expect(bad.message).toContain("Invalid value for 'messages'");
    expect(bad.param).toBe('messages');
  });

  it('hang → APIConnectionTimeoutError with a short timeout; the server frees the request', async () => {
    server.setOptions({ scriptedFaults: ['hang'] });
    const started = Date.now();
    expect(await ask({ timeout: 150 })).toBeInstanceOf(APIConnectionTimeoutError);
    expect(Date.now() - started).toBeLessThan(2000);
    await expect.poll(() => server.stats().inFlight).toBe(0);
    expect(server.stats().outcomes.hang).toBe(1);
  });

  it('garbage → a JSON parse error from the SDK', async () => {
    server.setOptions({ scriptedFaults: ['garbage'] });
    const err = await ask();
    expect(err).toBeInstanceOf(SyntaxError);
  });

  it('latency longer than the client timeout is counted as aborted', async () => {
    server.setOptions({ latencyMs: 1000 });
    expect(await ask({ timeout: 100 })).toBeInstanceOf(APIConnectionTimeoutError);
    await expect.poll(() => server.stats().outcomes.aborted).toBe(1);
  });

  it('the SDK retries a 429 after retry-after-ms and then succeeds', async () => {
    server.setOptions({ scriptedFaults: ['429', '429'], retryAfterSec: 0.05 });
    const r = await client.chat.completions.create({ model: 'fake-model', messages: [{ role: 'user', content: 'hi' }] }, { maxRetries: 2 });
    expect(r.choices).toHaveLength(1);
    expect(server.stats().outcomes).toMatchObject({ '429': 2, ok: 1 });
  });

  it('random faults follow the configured rates, reproducibly for a seed', async () => {
    const run = async () => {
      server.setOptions({ seed: 42, rate429: 0.2, rate500: 0.2, rate400: 0.1, rateGarbage: 0.1, latencyMs: 0 });
      server.reset();
      // Parallel is fine: one draw per arrival, so the counts do not depend on arrival order.
      for (let i = 0; i < 4; i++) await Promise.all(Array.from({ length: 50 }, () => ask()));
      return server.stats().outcomes;
    };
    const a = await run();
    const b = await run();
    expect(a).toEqual(b);
    expect(a.ok).toBeGreaterThan(60);
    expect(a.ok).toBeLessThan(110); // 40 % of 200, plus sampling noise
    expect(a['429']).toBeGreaterThan(20);
    expect(a['500']).toBeGreaterThan(20);
    expect(a['400'] + a.garbage).toBeGreaterThan(20);
  });

  it('the RPM cap answers 429 (429_rpm) beyond the sliding window, with Retry-After', async () => {
    server.setOptions({ rpm: 5, latencyMs: 0 });
    const results = await Promise.all(Array.from({ length: 8 }, () => ask()));
    const limited = results.filter((r) => r instanceof RateLimitError) as RateLimitError[];
    expect(limited).toHaveLength(3);
    const wait = Number(limited[0]!.headers.get('retry-after-ms'));
    expect(wait).toBeGreaterThan(59_000);
    expect(wait).toBeLessThanOrEqual(60_000);
    const s = server.stats();
    expect(s.outcomes).toMatchObject({ ok: 5, '429_rpm': 3 });
    expect(s.peakOkRpm).toBe(5);
    expect(s.peakRpm).toBe(8);
  });

  it('is controllable over HTTP: /__options, /__stats, /__reset', async () => {
    const base = server.url.replace(/\/v1$/, '');
    const set = await fetch(`${base}/__options`, { method: 'POST', body: JSON.stringify({ scriptedFaults: ['500'] }) });
    expect(set.status).toBe(200);
    expect(await ask()).toBeInstanceOf(InternalServerError);
    const stats = await (await fetch(`${base}/__stats`)).json();
    expect(stats.outcomes['500']).toBe(1);
    expect((await fetch(`${base}/__options`, { method: 'POST', body: JSON.stringify({ responder: 'x' }) })).status).toBe(400);
    await fetch(`${base}/__reset`, { method: 'POST' });
    expect(server.stats().requests).toBe(0);
  });
});
