// Cost of a call in USD from token usage and the endpoint's prices per 1M tokens. An unknown price
// gives an unknown (null) cost rather than a misleading 0 — unless that side used no tokens at all.

export interface TokenPrices {
  /** USD per 1M input (prompt) tokens; null = unknown. */
  inputPerMillion: number | null;
  /** USD per 1M output (completion) tokens; null = unknown. */
  outputPerMillion: number | null;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

/**
 * `multiplier` scales the whole cost, e.g. 0.5 for OpenAI's Batch API discount.
 * Rounded to 1e-9 USD so sums of many small costs do not print as 0.30000000000000004.
 */
export function costUsd(usage: TokenUsage, prices: TokenPrices, multiplier = 1): number | null {
  const side = (tokens: number, price: number | null) => (tokens === 0 ? 0 : price === null ? null : (tokens * price) / 1_000_000);
  const input = side(usage.promptTokens, prices.inputPerMillion);
  const output = side(usage.completionTokens, prices.outputPerMillion);
  if (input === null || output === null) return null;
  if (prices.inputPerMillion === null && prices.outputPerMillion === null) return null;
  return Math.round((input + output) * multiplier * 1e9) / 1e9;
}

/** The SDK's `usage` object (snake_case) → TokenUsage; missing usage counts as zero. */
export function usageFromOpenAI(usage: { prompt_tokens?: number; completion_tokens?: number } | null | undefined): TokenUsage {
  return { promptTokens: usage?.prompt_tokens ?? 0, completionTokens: usage?.completion_tokens ?? 0 };
}
