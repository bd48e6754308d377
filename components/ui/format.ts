// Number and date formatting for the UI. Pure; fixed locale so server and browser agree.
const int = new Intl.NumberFormat('en-US');

export function formatNumber(n: number | null | undefined): string {
  return n == null || Number.isNaN(n) ? '—' : int.format(n);
}

/** A 0..1 score with two decimals, or an em dash. */
export function formatScore(n: number | null | undefined): string {
  return n == null || Number.isNaN(n) ? '—' : n.toFixed(2);
}

export function formatPercent(part: number, whole: number): string {
  if (!whole) return '0%';
  const p = (part / whole) * 100;
  return `${p > 0 && p < 1 ? '<1' : Math.round(p)}%`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms == null) return '—';
  if (ms < 1000) return `${ms} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

const rtf = new Intl.RelativeTimeFormat('en-US', { numeric: 'auto' });
const steps: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.345],
  ['month', 12],
  ['year', Infinity],
];

/** "3 minutes ago", "yesterday", "in 2 hours" (relative to `now`). */
export function formatRelative(date: Date | string, now: Date = new Date()): string {
  const d = typeof date === 'string' ? new Date(date) : date;
  let diff = (d.getTime() - now.getTime()) / 1000;
  if (Math.abs(diff) < 45) return 'just now';
  for (const [unit, size] of steps) {
    if (Math.abs(diff) < size) return rtf.format(Math.round(diff), unit);
    diff /= size;
  }
  return rtf.format(Math.round(diff), 'year');
}

export function formatFullDate(date: Date | string): string {
  const d = typeof date === 'string' ? new Date(date) : date;
  return d.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
}
