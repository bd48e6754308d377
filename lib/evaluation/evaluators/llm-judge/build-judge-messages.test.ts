import { describe, expect, it } from 'vitest';
import { buildPairwiseMessages, buildSingleMessages, fillTemplate, renderQuestion, renderReference } from './build-judge-messages';
import { llmJudgeConfigSchema } from './config';

const opts = llmJudgeConfigSchema.parse({ endpoint: 'j' });
const prompt = { messages: [{ role: 'user', content: 'What is 2+2?' }], reference: '4' };

describe('buildSingleMessages', () => {
  it('uses MT-bench single-math-v1 with a reference and single-v1 without', () => {
    const m = buildSingleMessages(prompt, 'It is 4.', opts);
    expect(m.template).toBe('single-math-v1');
    expect(m.messages[0]).toEqual({ role: 'system', content: 'You are a helpful assistant.' });
    expect(m.messages[1].content).toContain('[Question]\nWhat is 2+2?');
    expect(m.messages[1].content).toContain('[The Start of Reference Answer]\n4\n[The End of Reference Answer]');
    expect(m.messages[1].content).toContain("[The Start of Assistant's Answer]\nIt is 4.\n[The End of Assistant's Answer]");
    expect(m.messages[1].content).toContain('"score": <integer from 1 to 10>');
    const plain = buildSingleMessages({ ...prompt, reference: null }, 'x', { ...opts, structuredOutput: false });
    expect(plain.template).toBe('single-v1');
    expect(plain.usedReference).toBe(false);
    expect(plain.messages[1].content).not.toContain('JSON');
    expect(buildSingleMessages(prompt, 'x', { ...opts, useReference: false }).template).toBe('single-v1');
  });

  it('adapts the scale and the rubric', () => {
    const m = buildSingleMessages(prompt, 'x', { ...opts, scale: 5, rubric: 'Only correctness matters.' });
    expect(m.messages[1].content).toContain('rate the response on a scale of 1 to 5');
    expect(m.messages[1].content).toContain('consider the following rubric: Only correctness matters.');
    expect(m.messages[1].content).not.toContain('1 to 10');
  });

  it('fills a custom template in one pass, so candidate text cannot inject into other slots', () => {
    const m = buildSingleMessages(prompt, 'my {reference} is {question}', { ...opts, template: 'Q: {question}\nRef: {reference}\nAnswer: {answer}\n(1-{scale})' });
    expect(m.template).toBe('custom');
    expect(m.messages[1].content.startsWith('Q: What is 2+2?\nRef: 4\nAnswer: my {reference} is {question}\n(1-10)')).toBe(true);
  });
});

describe('buildPairwiseMessages', () => {
  it('uses pair-math-v1 with the instruction in the system message', () => {
    const m = buildPairwiseMessages(prompt, 'four', '5', opts);
    expect(m.template).toBe('pair-math-v1');
    expect(m.messages[0].content).toContain('"[[A]]" if assistant A is better');
    expect(m.messages[0].content).toContain('"winner": "A" | "B" | "tie"');
    expect(m.messages[1].content).toContain("[The Start of Assistant A's Answer]\nfour\n");
    expect(m.messages[1].content).toContain("[The Start of Assistant B's Answer]\n5\n");
    expect(buildPairwiseMessages({ ...prompt, reference: null }, 'a', 'b', opts).template).toBe('pair-v2');
  });
});

describe('helpers', () => {
  it('renders multi-turn conversations as a transcript', () => {
    expect(renderQuestion([{ role: 'system', content: 'be nice' }, { role: 'user', content: 'hi' }])).toBe('hi');
    expect(
      renderQuestion([
        { role: 'user', content: 'a' },
        { role: 'assistant', content: 'b' },
        { role: 'user', content: 'c' },
      ]),
    ).toBe('### User:\na\n\n### Assistant:\nb\n\n### User:\nc');
  });

  it.each([
    [null, null],
    ['', null],
    ['18', '18'],
    [18, '18'],
    [{ answer: '\\frac12' }, '\\frac12'],
    [{ test: 'assert f()', entry_point: 'f' }, '{"test":"assert f()","entry_point":"f"}'],
  ])('renderReference(%j) → %j', (ref, out) => expect(renderReference(ref)).toBe(out));

  it('leaves unknown placeholders alone', () => {
    expect(fillTemplate('{question} {other}', { question: 'q' })).toBe('q {other}');
  });
});
