// Judge consistency: position-inconsistent pairwise verdicts and the spread of repeated judgments.
// Pure: reads the shapes judges keep in Score.raw.

export interface JudgeConsistency {
  /** Prompts flagged pairwise-inconsistent / prompts a pairwise judge looked at. */
  pairwise: { inconsistent: number; judged: number; share: number | null };
  /** Scores that carry repeated judgments (raw.samples / raw.scores / raw.repeats: number[]). */
  repeated: { scores: number; meanSpread: number | null; maxSpread: number | null };
}

/** The repeated judgments of one score, when its raw output has them (≥ 2 numbers). */
export function repeatedValues(raw: unknown): number[] | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  for (const key of ['samples', 'scores', 'repeats', 'values']) {
    const v = r[key];
    if (Array.isArray(v)) {
      const nums = v.map((x) => (typeof x === 'number' ? x : x && typeof x === 'object' && typeof (x as { value?: unknown }).value === 'number' ? (x as { value: number }).value : NaN)).filter(Number.isFinite);
      if (nums.length >= 2) return nums;
    }
  }
  return null;
}

/** Spread (max − min) of repeated judgments. */
export function spread(values: readonly number[]): number {
  return Math.max(...values) - Math.min(...values);
}

/** `spreads`: single spreads, or distinct spreads with how many scores have each. */
export function judgeConsistency(input: { inconsistentPrompts: number; judgedPrompts: number; spreads: readonly (number | { spread: number; n: number })[] }): JudgeConsistency {
  let scores = 0;
  let sum = 0;
  let max: number | null = null;
  for (const x of input.spreads) {
    const [v, n] = typeof x === 'number' ? [x, 1] : [x.spread, x.n];
    if (n <= 0) continue;
    scores += n;
    sum += v * n;
    max = max === null ? v : Math.max(max, v);
  }
  return {
    pairwise: {
      inconsistent: input.inconsistentPrompts,
      judged: input.judgedPrompts,
      share: input.judgedPrompts > 0 ? input.inconsistentPrompts / input.judgedPrompts : null,
    },
    repeated: { scores, meanSpread: scores > 0 ? sum / scores : null, maxSpread: max },
  };
}
