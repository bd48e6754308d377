// 95 % intervals for the agreement figures. Pure.

export interface Interval {
  low: number;
  high: number;
}

/** z for a two-sided 95 % interval. */
export const Z95 = 1.959963984540054;

/**
 * Wilson score interval for a proportion k/n (better than the normal approximation near 0 and 1 and
 * for small n). n = 0 gives null: there is nothing to say.
 */
export function wilsonInterval(k: number, n: number, z = Z95): Interval | null {
  if (!(n > 0)) return null;
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { low: k <= 0 ? 0 : Math.max(0, centre - half), high: k >= n ? 1 : Math.min(1, centre + half) };
}

/**
 * Large-sample interval for Cohen's κ: κ ± z·SE with SE = √(po(1−po) / (n(1−pe)²)) (Cohen 1960).
 * Clamped to [−1, 1]. Null when κ is undefined (pe = 1) or n = 0.
 */
export function kappaInterval(po: number, pe: number, n: number, z = Z95): Interval | null {
  if (!(n > 0) || pe >= 1) return null;
  const kappa = (po - pe) / (1 - pe);
  const se = Math.sqrt((po * (1 - po)) / (n * (1 - pe) * (1 - pe)));
  return { low: Math.max(-1, kappa - z * se), high: Math.min(1, kappa + z * se) };
}
