// Token counts are approximated as characters / 4 (OpenAI's rule of thumb for English), so tests can
// predict `usage` exactly without a tokenizer.

export function approxTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Cuts `text` to at most `maxTokens` approximate tokens; reports whether it had to cut. */
export function truncateToTokens(text: string, maxTokens: number): { text: string; truncated: boolean } {
  if (approxTokens(text) <= maxTokens) return { text, truncated: false };
  return { text: text.slice(0, Math.max(0, maxTokens * 4)), truncated: true };
}
