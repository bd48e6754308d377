// The llm-judge evaluator end to end against the fake OpenAI server (127.0.0.1 only).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAIServer, type ResponderContext } from '../../../testing/fake-openai';
import type { EvalCandidate, EvalPrompt, EvalRuntime } from '../types';
import { llmJudgeConfigSchema, type LlmJudgeConfigInput } from './config';
import { llmJudgeEvaluator, resetStructuredOutputMemory } from './index';

let fake: FakeOpenAIServer;
let endpointId = 100;

beforeAll(async () => {
  fake = await startFakeOpenAI({ retryAfterSec: 0.05 });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.setOptions({ responder: null, scriptedFaults: [], supportsResponseFormat: true });
  fake.reset();
  resetStructuredOutputMemory();
  endpointId++; // a fresh in-process limiter per test
});

function runtime(): EvalRuntime {
  const id = endpointId;
  return {
    endpoint: async (name) => (name === 'judge' ? { id, name, baseUrl: fake.url, model: 'fake-model', apiKeyEnv: null } : null),
    signal: new AbortController().signal,
  };
}

const prompt: EvalPrompt = { id: 1, externalId: 'p1', messages: [{ role: 'user', content: 'What is 9 + 9?' }], reference: '18' };

function cands(...contents: string[]): EvalCandidate[] {
  return contents.map((content, i) => ({ id: 10 + i, sampleIndex: i, runId: 1, content, contentHash: `h${i}`, model: 'gen' }));
}

async function judge(config: LlmJudgeConfigInput, candidates: EvalCandidate[], p: EvalPrompt = prompt) {
  return llmJudgeEvaluator.evaluate({ prompt: p, candidates, config: llmJudgeConfigSchema.parse(config) }, runtime());
}

/** The candidate shown to a single-grade judge. */
function shownAnswer(ctx: ResponderContext): string {
  return /\[The Start of Assistant's Answer\]\n([\s\S]*?)\n\[The End of Assistant's Answer\]/.exec(ctx.prompt)?.[1] ?? '';
}

describe('llm-judge, single grading', () => {
  it('scores with structured output through the default fake judge, higher for the right answer', async () => {
    const rs = await judge({ endpoint: 'judge' }, cands('9 + 9 = 18.\nA: 18', '9 + 9 = 26.\nA: 26'));
    expect(rs).toHaveLength(2);
    for (const r of rs) {
      expect(r.error ?? null).toBeNull();
      expect(r.value).toBeGreaterThanOrEqual(0);
      expect(r.value).toBeLessThanOrEqual(1);
      expect(r.rationale).toBeTruthy();
      expect(r.raw).toMatchObject({ template: 'single-math-v1', usedReference: true, how: 'json', scale: 10 });
    }
    expect(rs[0].value!).toBeGreaterThan(rs[1].value!);
    expect(fake.stats().outcomes.ok).toBe(2);
  });

  it('parses plain-text replies, records unparseable and refusing replies as errors', async () => {
    const seen: unknown[] = [];
    fake.setOptions({
      responder: (ctx) => {
        seen.push(ctx.responseFormat);
        const a = shownAnswer(ctx);
        if (a.includes('good')) return 'Accurate and complete. Rating: [[9]]';
        if (a.includes('meh')) return 'Partly right. Rating: 4/10';
        if (a.includes('refuse')) return "I'm sorry, but I can't evaluate this response.";
        if (a.includes('high')) return 'Rating: [[12]]';
        return '~~~ lorem ipsum ~~~';
      },
    });
    const rs = await judge({ endpoint: 'judge', structuredOutput: false }, cands('good', 'meh', 'refuse', 'high', 'noise'));
    expect(seen.every((f) => f === undefined)).toBe(true);
    expect(rs[0]).toMatchObject({ candidateId: 10, value: 8 / 9, passed: null, rationale: 'Accurate and complete.', raw: { score: 9, how: 'brackets' } });
    expect(rs[1]).toMatchObject({ candidateId: 11, value: 3 / 9, raw: { score: 4, how: 'labelled' } });
    for (const [i, msg] of [
      [2, /refused/],
      [3, /12 is outside 1 to 10/],
      [4, /no score found/],
    ] as const) {
      expect(rs[i].value).toBeNull();
      expect(rs[i].error).toMatch(msg);
      expect(rs[i].raw).toMatchObject({ reply: expect.any(String) });
    }
  });

  it('uses a 5-point scale and a custom rubric in the prompt', async () => {
    const prompts: string[] = [];
    fake.setOptions({
      responder: (ctx) => {
        prompts.push(ctx.messages.map((m) => m.content).join('\n'));
        return '{"rationale": "Concise and correct.", "score": 4}';
      },
    });
    const rs = await judge({ endpoint: 'judge', scale: 5, rubric: 'Is it concise?', useReference: false }, cands('18'));
    expect(rs[0]).toMatchObject({ value: 0.75, rationale: 'Concise and correct.', raw: { template: 'single-v1', usedReference: false } });
    expect(prompts[0]).toContain('on a scale of 1 to 5');
    expect(prompts[0]).toContain('Is it concise?');
    expect(prompts[0]).not.toContain('[The Start of Reference Answer]');
  });

  it('does not retry a 400 and records the provider message as the error', async () => {
    fake.setOptions({ scriptedFaults: ['400'] });
    const [r] = await judge({ endpoint: 'judge' }, cands('A: 18'));
    expect(r.value).toBeNull();
    expect(r.error).toMatch(/judge request failed: .*Invalid value for 'messages'/);
    expect(fake.stats().requests).toBe(1);
  });

  it('retries 429s honouring Retry-After, then scores', async () => {
    fake.setOptions({ scriptedFaults: ['429', '429'] });
    const [r] = await judge({ endpoint: 'judge' }, cands('A: 18'));
    expect(r.error ?? null).toBeNull();
    expect(r.value).not.toBeNull();
    const s = fake.stats();
    expect(s.outcomes['429']).toBe(2);
    expect(s.outcomes.ok).toBe(1);
    expect(r.raw).toMatchObject({ attempts: 3 });
  });

  it('gives up after maxAttempts of 5xx and says so', async () => {
    fake.setOptions({ scriptedFaults: ['500', '500'] });
    const [r] = await judge({ endpoint: 'judge', maxAttempts: 2 }, cands('A: 18'));
    expect(r.error).toMatch(/gave up after 2 attempts/);
    expect(fake.stats().requests).toBe(2);
  });

  it('falls back to plain text when the endpoint rejects response_format, and remembers it', async () => {
    fake.setOptions({ supportsResponseFormat: false, responder: () => 'Fine. Rating: [[6]]' });
    const first = await judge({ endpoint: 'judge' }, cands('A: 18'));
    expect(first[0]).toMatchObject({ value: 5 / 9, raw: { how: 'brackets' } });
    expect(fake.stats().outcomes['400']).toBe(1);
    await llmJudgeEvaluator.evaluate({ prompt, candidates: cands('A: 18'), config: llmJudgeConfigSchema.parse({ endpoint: 'judge' }) }, runtime());
    expect(fake.stats().outcomes['400']).toBe(1); // not asked with response_format again
  });

  it('records an unknown endpoint as an error for every candidate', async () => {
    const rs = await judge({ endpoint: 'nope' }, cands('a', 'b'));
    expect(rs.map((r) => r.error)).toEqual(['no endpoint named "nope"', 'no endpoint named "nope"']);
  });
});

describe('llm-judge, pairwise', () => {
  function answers(ctx: ResponderContext): [string, string] {
    const a = /\[The Start of Assistant A's Answer\]\n([\s\S]*?)\n\[The End/.exec(ctx.prompt)?.[1] ?? '';
    const b = /\[The Start of Assistant B's Answer\]\n([\s\S]*?)\n\[The End/.exec(ctx.prompt)?.[1] ?? '';
    return [a, b];
  }

  it('derives win rates from both orders; a consistent judge flags nothing', async () => {
    const rank = (s: string) => Number(/q=(\d)/.exec(s)?.[1] ?? 0);
    fake.setOptions({
      responder: (ctx) => {
        const [a, b] = answers(ctx);
        return rank(a) === rank(b) ? 'Same. [[C]]' : rank(a) > rank(b) ? 'A is better. [[A]]' : 'B is better. [[B]]';
      },
    });
    const rs = await judge({ endpoint: 'judge', mode: 'pairwise', structuredOutput: false }, cands('q=3', 'q=1', 'q=2'));
    expect(rs.map((r) => r.candidateId)).toEqual([10, 11, 12]);
    expect(rs.map((r) => r.value)).toEqual([1, 0, 0.5]);
    expect(rs.every((r) => r.pairwiseInconsistent === false)).toBe(true);
    expect(rs[0].rationale).toBe('won 4, tied 0, lost 0 of 4 games (vs #11, #12)');
    expect(fake.stats().requests).toBe(6); // 3 pairs × 2 orders
  });

  it('flags a position-biased judge', async () => {
    fake.setOptions({ responder: () => '{"rationale": "first is best", "winner": "A"}' });
    const rs = await judge({ endpoint: 'judge', mode: 'pairwise' }, cands('x', 'y'));
    expect(rs.map((r) => r.value)).toEqual([0.5, 0.5]);
    expect(rs.map((r) => r.pairwiseInconsistent)).toEqual([true, true]);
    expect(rs[0].rationale).toContain('position-inconsistent vs #11');
  });

  it('bounds the pairs and errors a lone candidate', async () => {
    fake.setOptions({ responder: () => '[[C]]' });
    const rs = await judge({ endpoint: 'judge', mode: 'pairwise', maxPairs: 4 }, cands('a', 'b', 'c', 'd', 'e', 'f'));
    expect(fake.stats().requests).toBe(8);
    expect(rs.slice(0, 5).map((r) => r.value)).toEqual([0.5, 0.5, 0.5, 0.5, 0.5]);
    expect(rs[5]).toMatchObject({ value: null, error: 'not compared with any other candidate (maxPairs 4 reached)' });
    const [lone] = await judge({ endpoint: 'judge', mode: 'pairwise' }, cands('a'));
    expect(lone.error).toMatch(/at least two candidates/);
  });
});

describe('localLimits', () => {
  it('tightens the evaluator limits with the endpoint limits when known', async () => {
    const { localLimits } = await import('./index');
    expect(localLimits({}, { concurrency: 4, rpm: null })).toEqual([4, null]);
    expect(localLimits({ maxConcurrency: 2, rpm: 60 }, { concurrency: 4, rpm: null })).toEqual([2, 60]);
    expect(localLimits({ maxConcurrency: 8, rpm: 600 }, { concurrency: 4, rpm: 100 })).toEqual([4, 100]);
    expect(localLimits({ maxConcurrency: 8, rpm: null }, { concurrency: 4, rpm: 100 })).toEqual([4, 100]);
  });

  it('keeps at most `concurrency` judge requests in flight', async () => {
    fake.setOptions({ latencyMs: 40, responder: () => '[[5]]' });
    try {
      await judge({ endpoint: 'judge', concurrency: 2, structuredOutput: false }, cands('a', 'b', 'c', 'd', 'e', 'f'));
      expect(fake.stats().peakInFlight).toBe(2);
    } finally {
      fake.setOptions({ latencyMs: 0 });
    }
  });
});

describe('cancellation', () => {
  it('stops waiting on a hanging endpoint when the runtime aborts', async () => {
    fake.setOptions({ scriptedFaults: ['hang'] });
    const ac = new AbortController();
    const rt = { ...runtime(), signal: ac.signal };
    const p = llmJudgeEvaluator.evaluate({ prompt, candidates: cands('x'), config: llmJudgeConfigSchema.parse({ endpoint: 'judge' }) }, rt);
    setTimeout(() => ac.abort(new Error('worker stopping')), 100);
    await expect(p).rejects.toThrow('worker stopping');
  });

  it('times a hanging request out and retries it', async () => {
    fake.setOptions({ scriptedFaults: ['hang'], responder: () => '[[7]]' });
    const [r] = await judge({ endpoint: 'judge', timeoutMs: 1000, structuredOutput: false }, cands('x'));
    expect(r).toMatchObject({ value: 6 / 9, raw: { attempts: 2 } });
  });
});
