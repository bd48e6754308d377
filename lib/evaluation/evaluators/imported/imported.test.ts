import { describe, expect, it } from 'vitest';
import { importedConfigSchema, importedEvaluator } from './index';

const rt = { endpoint: async () => null, signal: new AbortController().signal };

describe('imported evaluator', () => {
  it('records a missing imported score as an error, never a value', async () => {
    const candidates = [1, 2].map((id) => ({ id, sampleIndex: id, runId: 1, content: 'x', contentHash: 'h', model: null }));
    const rs = await importedEvaluator.evaluate({ prompt: { id: 1, externalId: 'p', messages: [], reference: null }, candidates, config: importedConfigSchema.parse({ name: 'rm' }) }, rt);
    expect(rs.map((r) => [r.candidateId, r.value, r.passed])).toEqual([
      [1, null, null],
      [2, null, null],
    ]);
    expect(rs[0].error).toMatch(/^no imported score "rm"/);
  });

  it('accepts {} and {name}, rejects other keys', () => {
    expect(importedConfigSchema.parse({})).toEqual({});
    expect(importedConfigSchema.safeParse({ name: '' }).success).toBe(false);
    expect(importedConfigSchema.safeParse({ scale: 10 }).success).toBe(false);
  });
});
