// Fake-server features the llm-judge evaluator relies on: MT-bench reference blocks steer the fake
// judge's rating, and an endpoint can refuse response_format json_schema with a 400.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judgeResponder } from './judge-responder';
import type { ResponderContext } from './responder';
import { rngFor } from './rng';
import { startFakeOpenAI, type FakeOpenAIServer } from './server';

function mtBench(candidate: string, i: number): ResponderContext {
  const content = `[Instruction]\nRate the response on a scale of 1 to 10: "Rating: [[5]]".\n\n[Question]\nWhat is 9 + 9?\n\n[The Start of Reference Answer]\n18\n[The End of Reference Answer]\n\n[The Start of Assistant's Answer]\n${candidate}\n[The End of Assistant's Answer]`;
  return { messages: [{ role: 'user', content }], prompt: content, model: 'm', index: 0, seed: null, temperature: 0, responseFormat: undefined, rng: rngFor(content, i), answer: undefined, accuracy: 0.6 };
}

const rating = (s: string) => Number(/\[\[(\d+)\]\]/.exec(s)?.[1]);

describe('fake judge with MT-bench reference blocks', () => {
  it('rates answers matching the reference higher', () => {
    for (let i = 0; i < 20; i++) {
      expect(rating(judgeResponder(mtBench(`so\nA: 18`, i)) as string)).toBeGreaterThanOrEqual(8);
      expect(rating(judgeResponder(mtBench(`so\nA: 26`, i)) as string)).toBeLessThanOrEqual(5);
    }
  });
});

describe('supportsResponseFormat: false', () => {
  let fake: FakeOpenAIServer;
  beforeAll(async () => {
    fake = await startFakeOpenAI({ supportsResponseFormat: false });
  });
  afterAll(() => fake.close());

  it('answers json_schema with a 400 naming response_format, and plain requests normally', async () => {
    const client = new OpenAI({ baseURL: fake.url, apiKey: 'x', maxRetries: 0 });
    const messages = [{ role: 'user' as const, content: 'hi' }];
    const schema = { type: 'json_schema' as const, json_schema: { name: 's', schema: { type: 'object' } } };
    await expect(client.chat.completions.create({ model: 'fake-model', messages, response_format: schema })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/response_format/) });
    const ok = await client.chat.completions.create({ model: 'fake-model', messages, response_format: { type: 'json_object' } });
    expect(ok.choices).toHaveLength(1);
    fake.setOptions({ supportsResponseFormat: true });
    const ok2 = await client.chat.completions.create({ model: 'fake-model', messages, response_format: schema });
    expect(ok2.choices).toHaveLength(1);
  });
});
