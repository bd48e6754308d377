import { describe, expect, it } from 'vitest';
import { costUsd, usageFromOpenAI } from './cost';

describe('costUsd', () => {
  it('prices input and output per million tokens', () => {
    expect(costUsd({ promptTokens: 1_000_000, completionTokens: 500_000 }, { inputPerMillion: 0.15, outputPerMillion: 0.6 })).toBe(0.45);
    expect(costUsd({ promptTokens: 1, completionTokens: 2 }, { inputPerMillion: 0.1, outputPerMillion: 0.2 })).toBe(0.0000005);
    expect(costUsd({ promptTokens: 1000, completionTokens: 1000 }, { inputPerMillion: 2, outputPerMillion: 8 }, 0.5)).toBe(0.005);
  });

  it('is null when a needed price is unknown', () => {
    expect(costUsd({ promptTokens: 10, completionTokens: 10 }, { inputPerMillion: null, outputPerMillion: null })).toBeNull();
    expect(costUsd({ promptTokens: 10, completionTokens: 10 }, { inputPerMillion: 1, outputPerMillion: null })).toBeNull();
    // …but an unused side does not need a price.
    expect(costUsd({ promptTokens: 10, completionTokens: 0 }, { inputPerMillion: 1, outputPerMillion: null })).toBe(0.00001);
    expect(costUsd({ promptTokens: 0, completionTokens: 0 }, { inputPerMillion: null, outputPerMillion: null })).toBeNull();
  });

  it('reads the SDK usage shape', () => {
    expect(usageFromOpenAI({ prompt_tokens: 3, completion_tokens: 4 })).toEqual({ promptTokens: 3, completionTokens: 4 });
    expect(usageFromOpenAI(undefined)).toEqual({ promptTokens: 0, completionTokens: 0 });
  });
});
