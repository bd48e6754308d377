import { describe, expect, it } from 'vitest';
import { importedConfigSchema, importedEvaluator, importedNormalizer } from './index';

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
    expect(importedConfigSchema.parse({})).toEqual({ normalize: { kind: 'none' } });
    expect(importedConfigSchema.safeParse({ name: '' }).success).toBe(false);
    expect(importedConfigSchema.safeParse({ scale: 10 }).success).toBe(false);
  });
});

describe('imported score normalisation', () => {
  it('by default keeps 0..1 values as they are and turns others into an error that names the fix', () => {
    const n = importedNormalizer('imported', {});
    expect(n(0)).toEqual({ value: 0, error: null });
    expect(n(0.73)).toEqual({ value: 0.73, error: null });
    expect(n(1)).toEqual({ value: 1, error: null });
    expect(n(6.1)).toEqual({ value: null, error: expect.stringMatching(/^imported score 6\.1 is outside 0\.\.1: set the evaluator's config\.normalize/) });
    expect(n(-4.2).error).toMatch(/^imported score -4\.2 is outside/);
  });

  it.each([
    [{ normalize: { min: -5, max: 5 } }, [-4.2, 0, 6.1], [0.08, 0.5, 1]],
    [{ normalize: { kind: 'min-max', min: 1, max: 10 } }, [1, 5.5, 0], [0, 0.5, 0]],
    [{ normalize: 'sigmoid' }, [0, 2, -700], [0.5, 1 / (1 + Math.exp(-2)), 1 / (1 + Math.exp(700))]],
    [{ normalize: { kind: 'sigmoid', center: 2, temperature: 0.5 } }, [2, 3], [0.5, 1 / (1 + Math.exp(-2))]],
  ])('%j maps %j to %j', (config, xs, ys) => {
    const n = importedNormalizer('imported', config);
    xs.forEach((x, i) => {
      expect(n(x).error).toBeNull();
      expect(n(x).value).toBeCloseTo(ys[i], 12);
    });
  });

  it('another kind sharing the name, or an invalid config, uses the default', () => {
    expect(importedNormalizer('llm-judge', { normalize: 'sigmoid' })(3).value).toBeNull();
    expect(importedNormalizer('imported', { normalize: { kind: 'tanh' } })(0.4)).toEqual({ value: 0.4, error: null });
  });

  it('rejects a bad normalize config naming the field', () => {
    const r = importedConfigSchema.safeParse({ normalize: { min: 3, max: 1 } });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ['normalize', 'max'], message: 'must be greater than min' });
  });
});
