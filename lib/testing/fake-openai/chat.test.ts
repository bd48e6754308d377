// The fake server through the real openai SDK over real HTTP: completions, n, usage, streaming,
// determinism, judge answers, models, auth.
import OpenAI, { AuthenticationError, NotFoundError } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAIServer } from './server';
import { approxTokens } from './tokens';

const QUESTION = 'Natalia sold clips to 48 of her friends in April, and then she sold half as many clips to friends in May. How many clips did Natalia sell altogether in April and May?';
let server: FakeOpenAIServer;
let client: OpenAI;

beforeAll(async () => {
  server = await startFakeOpenAI({ models: ['fake-model', 'fake-judge'], answers: { [QUESTION]: '72' } });
  client = new OpenAI({ baseURL: server.url, apiKey: 'test-key', maxRetries: 0 });
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  server.setOptions({ supportsN: true, strictModels: false, apiKey: null, accuracy: 0.6 });
});

const ask = (content: string, extra: Partial<OpenAI.ChatCompletionCreateParamsNonStreaming> = {}) =>
  client.chat.completions.create({ model: 'fake-model', messages: [{ role: 'user', content }], ...extra });

describe('chat completions', () => {
  it('lists the configured models', async () => {
    const ids = [];
    for await (const m of client.models.list()) ids.push(m.id);
    expect(ids).toEqual(['fake-model', 'fake-judge']);
  });

  it('returns n choices with summed usage, and one choice when supportsN is off', async () => {
    const r = await ask(QUESTION, { n: 5, seed: 1 });
    expect(r.choices.map((c) => c.index)).toEqual([0, 1, 2, 3, 4]);
    const completion = r.choices.reduce((s, c) => s + approxTokens(c.message.content ?? ''), 0);
    expect(r.usage).toEqual({ prompt_tokens: approxTokens(QUESTION), completion_tokens: completion, total_tokens: approxTokens(QUESTION) + completion });
    expect(r.choices.every((c) => /\nA: -?\d+(\.\d+)?$/.test(c.message.content ?? ''))).toBe(true);

    server.setOptions({ supportsN: false });
    const one = await ask(QUESTION, { n: 5 });
    expect(one.choices).toHaveLength(1);
    expect(server.stats().choices).toBe(6);
  });

  it('is deterministic for the same prompt, seed and index; varies otherwise', async () => {
    const a = await ask(QUESTION, { n: 4, seed: 7 });
    const b = await ask(QUESTION, { n: 4, seed: 7 });
    const c = await ask(QUESTION, { n: 4, seed: 8 });
    const texts = (r: OpenAI.ChatCompletion) => r.choices.map((x) => x.message.content);
    expect(texts(a)).toEqual(texts(b));
    expect(texts(a)).not.toEqual(texts(c));
    expect(new Set(texts(a)).size).toBeGreaterThan(1);
    const greedy = await ask(QUESTION, { n: 3, temperature: 0 });
    expect(new Set(texts(greedy)).size).toBe(1);
  });

  it('answers right about `accuracy` of the time when it knows the answer', async () => {
    const r = await ask(QUESTION, { n: 100, seed: 3 });
    const right = r.choices.filter((c) => c.message.content?.endsWith('A: 72')).length;
    expect(right).toBeGreaterThan(45);
    expect(right).toBeLessThan(75);
    server.setOptions({ accuracy: 1 });
    const all = await ask(QUESTION, { n: 10, seed: 3 });
    expect(all.choices.every((c) => c.message.content?.endsWith('A: 72'))).toBe(true);
  });

  it('truncates at max_tokens / max_completion_tokens with finish_reason length', async () => {
    const r = await ask('Write about gardening and tomatoes', { max_tokens: 3, n: 2 });
    for (const c of r.choices) {
      expect(c.finish_reason).toBe('length');
      expect(c.message.content!.length).toBeLessThanOrEqual(12);
    }
    expect(r.usage!.completion_tokens).toBe(6);
    const r2 = await ask('Write about gardening', { max_completion_tokens: 2000 });
    expect(r2.choices[0]!.finish_reason).toBe('stop');
  });

  it('streams deltas and a final usage chunk', async () => {
    const stream = await client.chat.completions.create({
      model: 'fake-model',
      messages: [{ role: 'user', content: QUESTION }],
      n: 2,
      seed: 5,
      stream: true,
      stream_options: { include_usage: true },
    });
    const text = ['', ''];
    const finish: Array<string | null> = [null, null];
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      for (const c of chunk.choices) {
        text[c.index] += c.delta.content ?? '';
        if (c.finish_reason) finish[c.index] = c.finish_reason;
      }
      if (chunk.usage) usage = chunk.usage;
    }
    const same = await ask(QUESTION, { n: 2, seed: 5 });
    expect(text).toEqual(same.choices.map((c) => c.message.content));
    expect(finish).toEqual(['stop', 'stop']);
    expect(usage).toEqual(same.usage);
  });

  it('answers judge prompts as JSON (schema honoured loosely) or MT-bench [[k]]', async () => {
    const judgePrompt = `Rate the response on a scale of 1 to 5.\n[Question]\n${QUESTION}\nReference answer: 72\n[Response]\nShe sold 48 + 24.\nA: 72`;
    const json = await client.chat.completions.create({
      model: 'fake-judge',
      messages: [{ role: 'user', content: judgePrompt }],
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'verdict', strict: true, schema: { type: 'object', properties: { score: { type: 'integer', minimum: 1, maximum: 5 }, reason: { type: 'string' } }, required: ['score', 'reason'] } },
      },
    });
    const verdict = JSON.parse(json.choices[0]!.message.content!);
    expect(verdict.score).toBeGreaterThanOrEqual(4);
    expect(typeof verdict.reason).toBe('string');

    const plain = await ask(judgePrompt.replace('A: 72', 'A: 70') + '\nStrictly follow the format "[[rating]]".');
    const k = Number(/\[\[(\d+)\]\]/.exec(plain.choices[0]!.message.content!)?.[1]);
    expect(k).toBeGreaterThanOrEqual(1);
    expect(k).toBeLessThanOrEqual(2);

    const obj = await ask('Please rate this answer from 1 to 10: "Paris is the capital of France."', { response_format: { type: 'json_object' } });
    expect(Object.keys(JSON.parse(obj.choices[0]!.message.content!))).toEqual(['rating', 'rationale']);
  });

  it('rejects unknown models (strictModels) and wrong keys (apiKey) like OpenAI', async () => {
    server.setOptions({ strictModels: true });
    await expect(client.chat.completions.create({ model: 'gpt-nope', messages: [{ role: 'user', content: 'hi' }] })).rejects.toBeInstanceOf(NotFoundError);
    server.setOptions({ strictModels: false, apiKey: 'sk-right-key-123456' });
    const err = await ask('hi').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect((err as AuthenticationError).code).toBe('invalid_api_key');
    expect(server.stats().outcomes).toMatchObject({ '404': 1, '401': 1 });
  });
});
