// reward-model against a tiny scoring server on 127.0.0.1 (vLLM /score shape by default).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EvalCandidate, EvalRuntime } from '../types';
import { rewardModelConfigSchema } from './config';
import { rewardModelEvaluator } from './index';

type Reply = { status: number; body: string; headers?: Record<string, string> };
let server: http.Server;
let url: string;
let requests: Array<{ body: Record<string, unknown>; auth: string | undefined }>;
let script: Reply[];
let handler: (body: Record<string, unknown>) => Reply;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      const body = JSON.parse(data) as Record<string, unknown>;
      requests.push({ body, auth: req.headers.authorization });
      const r = script.shift() ?? handler(body);
      res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
      res.end(r.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/score`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  requests = [];
  script = [];
  // Scores the length of each candidate: a deterministic "reward".
  handler = (body) => ({ status: 200, body: JSON.stringify({ object: 'list', data: (body.text_2 as string[]).map((t, index) => ({ index, object: 'score', score: t.length - 3 })) }) });
});

const rt: EvalRuntime = { endpoint: async () => null, signal: new AbortController().signal };
const prompt = { id: 1, externalId: 'p', messages: [{ role: 'user', content: 'Say hi' }], reference: null };
const cands: EvalCandidate[] = ['hi', 'hello', 'hey'].map((content, i) => ({ id: 10 + i, sampleIndex: i, runId: 1, content, contentHash: `h${i}`, model: null }));

function run(config: Record<string, unknown>, candidates = cands) {
  return rewardModelEvaluator.evaluate({ prompt, candidates, config: rewardModelConfigSchema.parse({ url, ...config }) }, rt);
}

describe('reward-model evaluator', () => {
  it('sends one vLLM-style request per prompt and maps scores through a sigmoid', async () => {
    const rs = await run({ model: 'rm-7b' });
    expect(requests).toHaveLength(1);
    expect(requests[0].body).toEqual({ model: 'rm-7b', text_1: 'Say hi', text_2: ['hi', 'hello', 'hey'] });
    expect(rs.map((r) => r.candidateId)).toEqual([10, 11, 12]);
    expect(rs[0].value).toBeCloseTo(1 / (1 + Math.exp(1)), 12);
    expect(rs[1].value).toBeCloseTo(1 / (1 + Math.exp(-2)), 12);
    expect(rs[2].value).toBeCloseTo(0.5, 12);
    expect(rs[1]).toMatchObject({ passed: null, rationale: 'reward 2', raw: { score: 2 }, rawValue: 2 });
  });

  it('does one request per candidate with a custom mapping and a bearer key from the environment', async () => {
    process.env.WINNOW_TEST_RM_KEY = 'sk-test-123';
    handler = (body) => ({ status: 200, body: JSON.stringify({ outputs: [{ reward: (body.input as string).length }] }) });
    const rs = await run({
      batch: false,
      request: { input: '{{prompt}} => {{candidate}}' },
      responsePath: 'outputs[0].reward',
      normalize: { kind: 'min-max', min: 0, max: 20 },
      apiKeyEnv: 'WINNOW_TEST_RM_KEY',
    });
    expect(requests.map((r) => r.body.input).sort()).toEqual(['Say hi => hello', 'Say hi => hey', 'Say hi => hi']);
    expect(requests.every((r) => r.auth === 'Bearer sk-test-123')).toBe(true);
    expect(rs.map((r) => r.value)).toEqual([12 / 20, 15 / 20, 13 / 20]);
  });

  it('retries a 429 and a 503, honouring Retry-After', async () => {
    script = [
      { status: 429, body: '{"error":{"message":"slow down"}}', headers: { 'retry-after': '0' } },
      { status: 503, body: 'busy' },
    ];
    const rs = await run({});
    expect(requests).toHaveLength(3);
    expect(rs.every((r) => r.value !== null)).toBe(true);
  });

  it('does not retry a 400 and records its message for every candidate', async () => {
    script = [{ status: 400, body: '{"message":"text_2 too long"}' }];
    const rs = await run({});
    expect(requests).toHaveLength(1);
    expect(rs.map((r) => r.error)).toEqual(new Array(3).fill('reward model request failed: HTTP 400: text_2 too long'));
    expect(rs.every((r) => r.value === null)).toBe(true);
  });

  it('records a wrong-shaped answer and out-of-range scores as errors', async () => {
    handler = () => ({ status: 200, body: JSON.stringify({ data: [{ score: 0.5 }] }) });
    const short = await run({});
    expect(short[0].error).toBe("the reward model's answer has 1 scores at data[*].score, expected 3");
    handler = () => ({ status: 200, body: JSON.stringify({ data: [{ score: 0.5 }, { score: 7 }, { score: 'x' }] }) });
    const rs = await run({ normalize: { kind: 'none' } });
    expect(rs[0]).toMatchObject({ value: 0.5 });
    expect(rs[1].error).toMatch(/7 is outside 0\.\.1/);
    expect(rs[2].error).toMatch(/"x" instead of a number/);
  });

  it('gives up after maxAttempts on garbage', async () => {
    handler = () => ({ status: 200, body: '<html>proxy error' });
    const rs = await run({ maxAttempts: 2 });
    expect(requests).toHaveLength(2);
    expect(rs[0].error).toMatch(/Unparseable response.*gave up after 2 attempts/);
  });

  it('fails fast when the key variable is missing', async () => {
    const rs = await run({ apiKeyEnv: 'WINNOW_TEST_RM_UNSET' });
    expect(rs[0].error).toBe('environment variable WINNOW_TEST_RM_UNSET is not set');
    expect(requests).toHaveLength(0);
  });
});
