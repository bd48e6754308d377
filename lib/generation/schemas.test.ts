import { describe, expect, it } from 'vitest';
import { generationParamsSchema, readRunParams, startRunInputSchema, toRunParams } from './schemas';

describe('generation params', () => {
  it('coerces form strings, drops blanks, applies defaults', () => {
    const p = generationParamsSchema.parse({ n: '8', temperature: '0.7', topP: '', maxTokens: '256', seed: '', system: '  ', onlyUnsolved: 'on', batch: 'false' });
    expect(p).toEqual({ n: 8, temperature: 0.7, maxTokens: 256, onlyUnsolved: true, batch: false });
    expect(toRunParams(p)).toEqual({ n: 8, temperature: 0.7, max_tokens: 256, onlyUnsolved: true, batch: false, timeoutMs: 120_000, maxAttempts: 6 });
  });

  it('rejects what no provider accepts', () => {
    expect(generationParamsSchema.safeParse({ n: 0 }).success).toBe(false);
    expect(generationParamsSchema.safeParse({ n: 2.5 }).success).toBe(false);
    expect(generationParamsSchema.safeParse({ n: 1, temperature: 3 }).success).toBe(false);
    expect(generationParamsSchema.safeParse({ n: 1, topP: 0 }).success).toBe(false);
    expect(startRunInputSchema.safeParse({ n: 1, datasetId: 'x', endpointId: 1 }).success).toBe(false);
  });

  it('reads stored params back with defaults', () => {
    expect(readRunParams({ n: 4, top_p: 0.9 })).toEqual({ n: 4, top_p: 0.9, onlyUnsolved: false, batch: false, timeoutMs: 120_000, maxAttempts: 6 });
  });
});
