// Reliability curve: per score decile, how often curators approved. Pure.
import { wilsonInterval, type Interval } from './intervals';

export interface ReliabilityPoint {
  /** 0..9: scores in [d/10, (d+1)/10), the last one including 1. */
  decile: number;
  /** Middle of the band, for plotting against the diagonal. */
  mid: number;
  total: number;
  approved: number;
  rate: number | null;
  ci: Interval | null;
}

export function decileOf(value: number): number {
  return Math.max(0, Math.min(9, Math.floor(value * 10 + 1e-9)));
}

/** Ten points, empty deciles included (rate null), so charts keep their x axis. */
export function reliabilityCurve(rows: Iterable<{ value: number; approved: number; total: number }>): ReliabilityPoint[] {
  const total = new Array<number>(10).fill(0);
  const approved = new Array<number>(10).fill(0);
  for (const r of rows) {
    const d = decileOf(r.value);
    total[d] += r.total;
    approved[d] += r.approved;
  }
  return total.map((t, d) => ({
    decile: d,
    mid: (d + 0.5) / 10,
    total: t,
    approved: approved[d],
    rate: t > 0 ? approved[d] / t : null,
    ci: wilsonInterval(approved[d], t),
  }));
}
