// Formatting for Insight figures. Pure.
export const pct = (v: number | null | undefined, digits = 1) => (v == null || Number.isNaN(v) ? '—' : `${(v * 100).toFixed(digits)}%`);
export const dec = (v: number | null | undefined, digits = 2) => (v == null || Number.isNaN(v) ? '—' : v.toFixed(digits));
export const ciText = (ci: { low: number; high: number } | null, asPct = true) =>
  ci ? `95% CI ${asPct ? `${(ci.low * 100).toFixed(0)}–${(ci.high * 100).toFixed(0)}%` : `${ci.low.toFixed(2)} to ${ci.high.toFixed(2)}`}` : 'no interval';
export const usd = (v: number) => (v === 0 ? '$0' : v < 0.01 ? `$${v.toFixed(4)}` : `$${v.toFixed(2)}`);
export const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** κ in words (Landis & Koch). */
export function kappaWords(k: number | null): string {
  if (k == null) return 'undefined';
  if (k < 0) return 'worse than chance';
  if (k < 0.2) return 'slight';
  if (k < 0.4) return 'fair';
  if (k < 0.6) return 'moderate';
  if (k < 0.8) return 'substantial';
  return 'almost perfect';
}

export const STATUS_COLORS = { approved: '#4f46e5', accepted: '#10b981', rejected: '#f43f5e', pending: '#a1a1aa' } as const;
export const SERIES_COLORS = ['#4f46e5', '#0ea5e9', '#f59e0b', '#10b981', '#e11d48', '#8b5cf6', '#64748b'];
