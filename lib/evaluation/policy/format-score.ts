// Number formatting for verdict reasons. On the hot path (one reason per candidate), so the common
// case is a table lookup rather than toFixed.

/** Tolerance for comparing a float aggregate with the threshold: (0.1 + 0.2) / 0.6 must pass 0.5. */
const EPSILON = 1e-9;

/** The one threshold comparison the policy uses, so reasons and verdicts can never disagree. */
export function meetsThreshold(value: number, threshold: number): boolean {
  return value + EPSILON >= threshold;
}

/** A threshold as written: at least two decimals (0.50), more only when it has them (0.625). */
export function formatThreshold(t: number): string {
  for (let d = 2; d < 6; d++) {
    const s = t.toFixed(d);
    if (Math.abs(Number(s) - t) < EPSILON) return s;
  }
  return t.toFixed(6);
}

// "0.00" … "1.00": aggregates are clamped to 0..1, so two decimals is one of 101 strings.
const HUNDREDTHS = Array.from({ length: 101 }, (_, i) => (i / 100).toFixed(2));

/**
 * A score with two decimals, or more when two would hide which side of the threshold it is on
 * (0.499 must not print as "0.50 below threshold 0.50").
 */
export function formatScore(value: number, threshold?: number): string {
  const n = Math.round(value * 100);
  const fast = n >= 0 && n <= 100 ? HUNDREDTHS[n] : null;
  if (threshold === undefined) return fast ?? value.toFixed(2);
  const side = meetsThreshold(value, threshold);
  if (fast !== null && meetsThreshold(n / 100, threshold) === side) return fast;
  for (let d = 2; d < 6; d++) {
    const s = value.toFixed(d);
    if (meetsThreshold(Number(s), threshold) === side) return s;
  }
  return value.toFixed(6);
}
