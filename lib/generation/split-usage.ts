// How one response's token usage is shared among its choices (n > 1), so that per-candidate numbers
// add up exactly to what the provider billed:
// - prompt tokens: the prompt is billed once per request; it is split evenly (the first
//   `total mod k` choices get one more);
// - completion tokens: split in proportion to each choice's length (a proxy for its token count,
//   which the API does not report per choice), largest remainder first; evenly if all are empty.

export interface TokenSplit {
  promptTokens: number;
  completionTokens: number;
}

function evenly(total: number, k: number): number[] {
  const base = Math.floor(total / k);
  const extra = total - base * k;
  return Array.from({ length: k }, (_, i) => base + (i < extra ? 1 : 0));
}

/** Integer shares of `total` proportional to `weights` (sum exactly `total`). */
export function proportional(total: number, weights: number[]): number[] {
  const k = weights.length;
  const sum = weights.reduce((a, b) => a + b, 0);
  if (k === 0) return [];
  if (sum <= 0) return evenly(total, k);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let j = 0; left > 0; j = (j + 1) % k, left--) out[order[j]!.i]!++;
  return out;
}

export function splitUsage(usage: { promptTokens: number; completionTokens: number }, contents: string[]): TokenSplit[] {
  const k = contents.length;
  if (k === 0) return [];
  const prompt = evenly(Math.max(0, Math.round(usage.promptTokens)), k);
  const completion = proportional(Math.max(0, Math.round(usage.completionTokens)), contents.map((c) => c.length));
  return prompt.map((p, i) => ({ promptTokens: p, completionTokens: completion[i]! }));
}
