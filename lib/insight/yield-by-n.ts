// Yield by N: for k = 1..N, the share of prompts with at least one candidate among their first k
// samples (by sample_index) that passes the policy's gates and threshold — before the top-k cut. Pure:
// the SQL layer hands in, per prompt, the lowest sample_index of such a candidate.

export interface YieldPoint {
  k: number;
  /** Prompts with a passing candidate among their first k samples. */
  prompts: number;
  share: number;
}

export interface FirstPassCount {
  /** Lowest sample_index of a passing candidate, or null when none passes. */
  firstPass: number | null;
  prompts: number;
}

/** The curve for k = 1..n over `total` prompts (n = samples per prompt, i.e. max sample_index + 1). */
export function yieldCurve(rows: Iterable<FirstPassCount>, n: number): YieldPoint[] {
  const byIndex = new Array<number>(Math.max(0, n)).fill(0);
  let total = 0;
  for (const r of rows) {
    total += r.prompts;
    if (r.firstPass !== null && r.firstPass < n) byIndex[Math.max(0, r.firstPass)] += r.prompts;
  }
  const out: YieldPoint[] = [];
  let cum = 0;
  for (let k = 1; k <= n; k++) {
    cum += byIndex[k - 1];
    out.push({ k, prompts: cum, share: total > 0 ? cum / total : 0 });
  }
  return out;
}

/** The same curve straight from per-prompt pass labels in sample order (for checks against labels). */
export function yieldFromLabels(prompts: readonly (readonly boolean[])[]): YieldPoint[] {
  const n = prompts.reduce((m, p) => Math.max(m, p.length), 0);
  return yieldCurve(
    prompts.map((p) => {
      const i = p.indexOf(true);
      return { firstPass: i < 0 ? null : i, prompts: 1 };
    }),
    n,
  );
}
