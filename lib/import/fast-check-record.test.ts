import { describe, expect, it } from 'vitest';
import { fastCheckRecord } from './fast-check-record';
import { normalizeParsed } from './normalize-record';
import { importRecordSchema } from './schemas';

// Records the fast check must accept, with exactly zod's result.
const valid: Record<string, unknown>[] = [
  { prompt: 'Hi' },
  { id: 'a', prompt: 'Hi', reference: '4', metadata: { k: 1, nested: { __proto__: 'kept as data' } }, extra: [1] },
  { id: 7, prompt: 'Hi', reference: 42, candidates: ['x', { content: 'y' }, { content: 'z', model: 'm', scores: { rm: 0.5, j: null } }] },
  { id: null, prompt: 'Hi', messages: null, reference: null, metadata: null, candidates: null },
  { messages: [{ role: 'system', content: 's', extra: 1 }, { role: 'user', content: 'u' }, { content: 'a', role: 'assistant' }], reference: { tests: 'assert f()', entry_point: 'f' } },
  { prompt: 'Hi', candidates: [{ content: '', model: null, scores: null }] },
  { prompt: 'Hi', candidates: [] },
  { prompt: 'Hi', reference: -0, metadata: {} },
];

// Records zod rejects (the fast check must leave them to zod) or that only zod may decide.
const toZod: Record<string, unknown>[] = [
  {},
  { prompt: '  ' },
  { prompt: 'Hi', messages: [{ role: 'user', content: 'u' }] },
  { id: '', prompt: 'Hi' },
  { id: true, prompt: 'Hi' },
  { id: Infinity, prompt: 'Hi' },
  { prompt: 3 },
  { messages: [] },
  { messages: [{ role: 'system', content: 's' }] },
  { messages: [{ role: 'bot', content: 's' }] },
  { messages: [{ role: 'user', content: 1 }] },
  { messages: [['user', 'x']] },
  { messages: 'user: hi' },
  { prompt: 'Hi', reference: [1] },
  { prompt: 'Hi', reference: true },
  { prompt: 'Hi', metadata: 'x' },
  { prompt: 'Hi', metadata: [] },
  { prompt: 'Hi', metadata: JSON.parse('{"__proto__": {"x": 1}}') },
  { prompt: 'Hi', candidates: 'x' },
  { prompt: 'Hi', candidates: [1] },
  { prompt: 'Hi', candidates: [{ model: 'm' }] },
  { prompt: 'Hi', candidates: [{ content: 'c', model: 3 }] },
  { prompt: 'Hi', candidates: [{ content: 'c', scores: { '': 1 } }] },
  { prompt: 'Hi', candidates: [{ content: 'c', scores: { rm: '0.5' } }] },
  { prompt: 'Hi', candidates: [{ content: 'c', scores: { rm: NaN } }] },
  { prompt: 'Hi', candidates: [{ content: 'c', scores: [0.5] }] },
  { prompt: 'Hi', candidates: [null] },
];

describe('fastCheckRecord', () => {
  it.each(valid.map((r) => [JSON.stringify(r), r]))('accepts %s with zod’s result', (_, record) => {
    const fast = fastCheckRecord(record);
    const zod = importRecordSchema.safeParse(record);
    expect(zod.success).toBe(true);
    expect(fast).not.toBeNull();
    // Same stored shape, down to the JSON text (the generated id is a hash of it).
    expect(normalizeParsed(fast!)).toEqual(normalizeParsed(zod.data!));
    expect(fast).toEqual(zod.data);
  });

  it.each(toZod.map((r) => [JSON.stringify(r) ?? String(r), r]))('leaves %s to zod', (_, record) => {
    expect(fastCheckRecord(record)).toBeNull();
  });

  it('leaves every record zod rejects to zod', () => {
    for (const record of toZod) if (!importRecordSchema.safeParse(record).success) expect(fastCheckRecord(record)).toBeNull();
    expect(toZod.filter((r) => !importRecordSchema.safeParse(r).success).length).toBeGreaterThan(20);
  });
});
