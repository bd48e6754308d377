import http from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLines } from './batch/read-lines';
import { classifyError } from './classify-error';
import { BufferedResponse, httpFetch } from './http-fetch';

// A server whose answer each test chooses by path: the response object must behave like a fetch
// Response for everything the openai SDK and readLines do with it.
let server: http.Server;
let base = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      if (path === '/v1/chat/completions') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { n?: number };
        const choices = Array.from({ length: body.n ?? 1 }, (_, i) => ({ index: i, message: { role: 'assistant', content: `réponse ${i} ✓` }, finish_reason: 'stop' }));
        res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_123' });
        // The body in two writes, split inside a multi-byte character.
        const text = Buffer.from(JSON.stringify({ id: 'c1', object: 'chat.completion', created: 1, model: 'm', choices, usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } }));
        const cut = text.indexOf(Buffer.from('✓')) + 1;
        res.write(text.subarray(0, cut));
        setTimeout(() => res.end(text.subarray(cut)), 5);
      } else if (path === '/rate-limited/v1/chat/completions') {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '2' });
        res.end(JSON.stringify({ error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded', param: null } }));
      } else if (path === '/garbage/v1/chat/completions') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"id":"x","choices":[{"ind');
      } else if (path === '/lines') {
        res.writeHead(200, { 'content-type': 'application/jsonl' });
        res.end('\uFEFF{"a":1}\n{"a":2}\n');
      } else if (path === '/empty') {
        res.writeHead(204);
        res.end();
      } else {
        res.writeHead(404);
        res.end('no');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

const client = (path: string) => new OpenAI({ baseURL: `${base}${path}`, apiKey: 'k', maxRetries: 0 }).withOptions({ fetch: httpFetch });

describe('httpFetch through the openai SDK', () => {
  it('parses a completion (UTF-8 split across packets) and keeps the request id', async () => {
    const res = await client('/v1').chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }], n: 3 });
    expect(res.choices.map((c) => c.message.content)).toEqual(['réponse 0 ✓', 'réponse 1 ✓', 'réponse 2 ✓']);
    expect(res.usage?.total_tokens).toBe(7);
    expect((res as unknown as { _request_id: string })._request_id).toBe('req_123');
  });

  it('a 429 becomes the SDK error with its headers, so Retry-After is honoured', async () => {
    const err = await client('/rate-limited/v1')
      .chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    const c = classifyError(err);
    expect(c).toMatchObject({ kind: 'rate_limit', retryable: true, retryAfterMs: 2000 });
    expect(c.message).toContain('Rate limit reached');
  });

  it('a cut-off JSON body fails to parse (classified as garbage)', async () => {
    const err = await client('/garbage/v1')
      .chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SyntaxError);
    expect(classifyError(err).kind).toBe('garbage');
  });
});

describe('BufferedResponse', () => {
  it('reads its body once, like a Response', async () => {
    const res = await httpFetch(`${base}/lines`);
    expect(res).toBeInstanceOf(BufferedResponse);
    expect(res.ok).toBe(true);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/jsonl');
    const copy = res.clone();
    expect(await res.text()).toBe('{"a":1}\n{"a":2}\n'); // the BOM dropped, as Response.text() does
    expect(res.bodyUsed).toBe(true);
    await expect(res.text()).rejects.toThrow(TypeError);
    expect(new TextDecoder().decode(await copy.arrayBuffer())).toBe('{"a":1}\n{"a":2}\n');
  });

  it('streams its body for readers that want one (batch output files)', async () => {
    const lines: string[] = [];
    for await (const l of readLines(await httpFetch(`${base}/lines`))) lines.push(l);
    expect(lines.map((l) => JSON.parse(l.replace(/^\uFEFF/, '')))).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('204 has no body; a 404 is not ok', async () => {
    const empty = await httpFetch(`${base}/empty`);
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
    expect(await empty.text()).toBe('');
    const missing = await httpFetch(`${base}/nowhere`, { method: 'POST', body: 'x' });
    expect(missing.ok).toBe(false);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('no');
  });
});
