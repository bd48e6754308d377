import { describe, expect, it } from 'vitest';
import { fieldPath, generatedId, normalizeRecord } from './normalize-record';

const ok = (raw: Record<string, unknown>, mapping?: Record<string, string>) => {
  const r = normalizeRecord(raw, mapping);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.record;
};
const problems = (raw: Record<string, unknown>, mapping?: Record<string, string>) => {
  const r = normalizeRecord(raw, mapping);
  if (r.ok) throw new Error('expected problems');
  return r.problems;
};

describe('normalizeRecord', () => {
  it('stores a plain prompt as one user message, with search text', () => {
    const r = ok({ id: 'a1', prompt: 'What is 2+2?', reference: '4', metadata: { source: 'gsm8k' } });
    expect(r).toMatchObject({ externalId: 'a1', idGenerated: false, searchText: 'What is 2+2?', referenceJson: '"4"' });
    expect(JSON.parse(r.messagesJson)).toEqual([{ role: 'user', content: 'What is 2+2?' }]);
    expect(JSON.parse(r.metadataJson!)).toEqual({ source: 'gsm8k' });
    expect(r.candidates).toEqual([]);
  });

  it('keeps chat messages, joining their contents for search', () => {
    const messages = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
    ];
    const r = ok({ id: 3, messages });
    expect(r.externalId).toBe('3');
    expect(JSON.parse(r.messagesJson)).toEqual(messages);
    expect(r.searchText).toBe('Be brief.\nHi');
  });

  it('drops extra message fields and unknown top-level fields', () => {
    const r = ok({ messages: [{ role: 'user', content: 'x', name: 'bob' }], extra: 1 });
    expect(JSON.parse(r.messagesJson)).toEqual([{ role: 'user', content: 'x' }]);
  });

  it('accepts object references and turns numeric ones into text', () => {
    expect(ok({ prompt: 'p', reference: { tests: 'assert f()', entry_point: 'f' } }).referenceJson).toBe(
      '{"tests":"assert f()","entry_point":"f"}',
    );
    expect(ok({ prompt: 'p', reference: 42 }).referenceJson).toBe('"42"');
    expect(ok({ prompt: 'p', reference: null }).referenceJson).toBeNull();
  });

  it('normalises candidates: strings or objects, in order, null scores dropped', () => {
    const r = ok({ prompt: 'p', candidates: ['a', { content: 'b', model: 'm', scores: { rm: 0.5, judge: null } }, { content: 'c', scores: {} }] });
    expect(r.candidates).toEqual([
      { content: 'a', model: null, scores: null },
      { content: 'b', model: 'm', scores: { rm: 0.5 } },
      { content: 'c', model: null, scores: null },
    ]);
  });

  it('generates a stable id from the content when none is given', () => {
    const a = ok({ prompt: 'same' });
    const b = ok({ prompt: 'same', metadata: { x: 1 } });
    const c = ok({ prompt: 'same', reference: 'r' });
    expect(a.idGenerated).toBe(true);
    expect(a.externalId).toMatch(/^[0-9a-f]{16}$/);
    expect(a.externalId).toBe(b.externalId);
    expect(a.externalId).not.toBe(c.externalId);
    expect(a.externalId).toBe(generatedId(a.messagesJson, null));
  });

  it('names the field and says what is wrong', () => {
    expect(problems({})).toEqual([{ field: 'prompt', message: 'missing: give "prompt" (text) or "messages" (chat)' }]);
    expect(problems({ prompt: 5 })).toEqual([{ field: 'prompt', message: 'expected a string' }]);
    expect(problems({ prompt: '  ' })).toEqual([{ field: 'prompt', message: 'must not be empty' }]);
    expect(problems({ prompt: 'p', messages: [{ role: 'user', content: 'x' }] })).toEqual([
      { field: 'messages', message: 'give either "prompt" or "messages", not both' },
    ]);
    expect(problems({ messages: [{ role: 'user', content: 'a' }, { role: 'bot', content: 'b' }] })).toEqual([
      { field: 'messages[1].role', message: 'expected one of system|user|assistant' },
    ]);
    expect(problems({ messages: [{ role: 'system', content: 'a' }] })).toEqual([
      { field: 'messages', message: 'expected at least one message with role "user"' },
    ]);
    expect(problems({ messages: [] })).toEqual([{ field: 'messages', message: 'expected at least one message' }]);
    expect(problems({ messages: 'hi' })).toEqual([{ field: 'messages', message: 'expected an array of {role, content} messages' }]);
    expect(problems({ prompt: 'p', metadata: [1] })).toEqual([{ field: 'metadata', message: 'expected an object' }]);
    expect(problems({ prompt: 'p', reference: [1] })).toEqual([{ field: 'reference', message: 'expected a string or an object' }]);
    expect(problems({ prompt: 'p', id: '' })).toEqual([{ field: 'id', message: 'must not be empty' }]);
    expect(problems({ prompt: 'p', id: true })).toEqual([{ field: 'id', message: 'expected a string or a number' }]);
    expect(problems({ prompt: 'p', candidates: 'x' })).toEqual([{ field: 'candidates', message: 'expected an array of candidates' }]);
    expect(problems({ prompt: 'p', candidates: [5, { content: 1 }, { content: 'a', scores: { rm: 'x' } }, { content: 'a', scores: [1] }, { content: 'a', model: 3 }] })).toEqual([
      { field: 'candidates[0]', message: 'expected a string or an object {content, model?, scores?}' },
      { field: 'candidates[1].content', message: 'expected a string' },
      { field: 'candidates[2].scores.rm', message: 'expected a finite number' },
      { field: 'candidates[3].scores', message: 'expected an object {name: number}' },
      { field: 'candidates[4].model', message: 'expected a string' },
    ]);
  });

  it('rejects what PostgreSQL cannot store, naming the field', () => {
    expect(problems({ prompt: 'a\0b' })).toEqual([{ field: 'prompt', message: expect.stringContaining('NUL character') }]);
    expect(problems({ prompt: 'p', candidates: ['ok', 'b\0'] })).toEqual([
      { field: 'candidates[1].content', message: expect.stringContaining('NUL character') },
    ]);
    expect(problems({ prompt: 'p', metadata: { k: 'x\ud800' } })).toEqual([
      { field: 'metadata', message: expect.stringContaining('unpaired UTF-16 surrogate') },
    ]);
    // A literal backslash-u in text is fine.
    expect(ok({ prompt: 'p', metadata: { k: '\\ud800 and \\u0000' } }).metadataJson).toContain('\\\\ud800');
  });

  it('applies the mapping first and names the source field in problems', () => {
    const m = { prompt: 'question', reference: 'answer.text' };
    const r = ok({ question: 'Q?', answer: { text: 'A' } }, m);
    expect(r.searchText).toBe('Q?');
    expect(r.referenceJson).toBe('"A"');
    expect(problems({ question: 7 }, m)).toEqual([{ field: 'question', message: 'expected a string' }]);
  });
});

describe('fieldPath', () => {
  it('formats zod paths', () => {
    expect(fieldPath(['messages', 1, 'role'])).toBe('messages[1].role');
    expect(fieldPath(['candidates', 0])).toBe('candidates[0]');
    expect(fieldPath([])).toBe('');
  });
});
