import { describe, expect, it } from 'vitest';
import { endpointInputSchema, looksLikeSecret } from './schemas';

const base = { name: 'vllm-local', baseUrl: 'http://localhost:8000/v1/', model: 'Qwen/Qwen2.5-7B-Instruct' };

describe('endpointInputSchema', () => {
  it('accepts a minimal endpoint and fills defaults', () => {
    expect(endpointInputSchema.parse(base)).toEqual({ ...base, baseUrl: 'http://localhost:8000/v1', maxConcurrency: 8 });
  });

  it('reads form strings', () => {
    const out = endpointInputSchema.parse({ ...base, apiKeyEnv: 'OPENAI_API_KEY', maxConcurrency: '64', rpm: '600', tpm: '', priceInPerM: '0.15', priceOutPerM: '0.6' });
    expect(out).toMatchObject({ apiKeyEnv: 'OPENAI_API_KEY', maxConcurrency: 64, rpm: 600, priceInPerM: 0.15, priceOutPerM: 0.6 });
    expect(out.tpm).toBeUndefined();
  });

  it.each([
    [{ baseUrl: 'ftp://x' }, 'baseUrl'],
    [{ name: 'has space' }, 'name'],
    [{ apiKeyEnv: 'sk-abc123' }, 'apiKeyEnv'],
    [{ maxConcurrency: 0 }, 'maxConcurrency'],
    [{ priceInPerM: -1 }, 'priceInPerM'],
  ])('rejects %o', (patch, field) => {
    const r = endpointInputSchema.safeParse({ ...base, ...patch });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual([field]);
  });
});

describe('looksLikeSecret', () => {
  it('tells keys from variable names', () => {
    expect(looksLikeSecret('sk-proj-abcdef')).toBe(true);
    expect(looksLikeSecret('OPENAI_API_KEY')).toBe(false);
  });
});
