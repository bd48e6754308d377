// The default responder's pure parts: math answers, judge detection and scales, answer files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultResponder } from './default-responder';
import { looksLikeJudgeRequest, ratingScale } from './judge-responder';
import { loadAnswers } from './load-answers';
import { looksLikeMathProblem, pseudoTruth, wrongAnswer } from './math-responder';
import type { ResponderContext } from './responder';
import { rngFor } from './rng';

const ctx = (content: string, extra: Partial<ResponderContext> = {}): ResponderContext => ({
  messages: [{ role: 'user', content }],
  prompt: content,
  model: 'm',
  index: 0,
  seed: 1,
  temperature: 1,
  responseFormat: undefined,
  rng: rngFor(content, extra.index ?? 0),
  answer: undefined,
  accuracy: 0.6,
  ...extra,
});

describe('responders', () => {
  it('recognises word problems but not prose, and judge prompts before math', () => {
    expect(looksLikeMathProblem('A train travels at a rate of 60 km per hour for 3 hours. How far does it go?')).toBe(true);
    expect(looksLikeMathProblem('Write a haiku about autumn.')).toBe(false);
    const judge = ctx('Rate the response on a scale of 1 to 10. Question: how many apples are 2 + 3? Answer: A: 5');
    expect(looksLikeJudgeRequest(judge)).toBe(true);
    expect(looksLikeJudgeRequest(ctx('A tap fills at a rate of 3 litres per minute. How long for 12 litres?'))).toBe(false);
    expect(defaultResponder(judge)).toMatch(/Rating: \[\[\d+\]\]$/);
  });

  it('wrong answers are plausible numbers and never the truth', () => {
    for (let i = 0; i < 200; i++) {
      const w = wrongAnswer('72', 'She had 48 clips and sold 24.', rngFor('w', i));
      expect(w).not.toBe('72');
      expect(Number(w)).toBeGreaterThanOrEqual(0);
    }
    expect(pseudoTruth('What is 3 and 4?')).toMatch(/^(7|12)$/);
  });

  it('hits the configured accuracy over many samples', async () => {
    let right = 0;
    for (let i = 0; i < 1000; i++) {
      const text = await defaultResponder(ctx('How many legs do 3 cats have?', { answer: '12', accuracy: 0.3, rng: rngFor('acc', i) }));
      if (text.endsWith('A: 12')) right++;
    }
    expect(right).toBeGreaterThan(250);
    expect(right).toBeLessThan(350);
  });

  it('reads rating scales', () => {
    expect(ratingScale('on a scale of 1 to 5')).toEqual([1, 5]);
    expect(ratingScale('score it between 0 and 10')).toEqual([0, 10]);
    expect(ratingScale('give a rating')).toEqual([1, 10]);
  });

  it('loads answers from Winnow import records and GSM8K rows', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fake-openai-')), 'a.jsonl');
    fs.writeFileSync(
      file,
      [
        JSON.stringify({ prompt: 'P1?', reference: '18' }),
        JSON.stringify({ question: 'P2?', answer: 'She pays 3 * 4 = 12.\n#### 1,200' }),
        JSON.stringify({ messages: [{ role: 'system', content: 's' }, { role: 'user', content: 'P3?' }], reference: 5 }),
        '',
      ].join('\n'),
    );
    expect(loadAnswers(file)).toEqual({ 'P1?': '18', 'P2?': '1200', 'P3?': '5' });
  });
});
