// Score distributions per evaluator, split by final status. Pure.

export const HIST_BINS = 10;
export const STATUSES = ['accepted', 'approved', 'rejected', 'pending'] as const;
export type FinalStatus = (typeof STATUSES)[number];

export interface HistogramBin {
  /** Lower edge of the bin: 0, 0.1 … 0.9 (the last bin includes 1). */
  from: number;
  accepted: number;
  approved: number;
  rejected: number;
  pending: number;
}

export interface EvaluatorHistogram {
  evaluatorId: number;
  name: string;
  role: string;
  bins: HistogramBin[];
  total: number;
}

export function emptyBins(): HistogramBin[] {
  return Array.from({ length: HIST_BINS }, (_, i) => ({ from: i / HIST_BINS, accepted: 0, approved: 0, rejected: 0, pending: 0 }));
}

export function histogramBin(value: number): number {
  return Math.max(0, Math.min(HIST_BINS - 1, Math.floor(value * HIST_BINS + 1e-9)));
}

/** Rows (evaluator, bin, status, count) into one histogram per evaluator, in the evaluators' order. */
export function buildHistograms(
  evaluators: readonly { id: number; name: string; role: string }[],
  rows: Iterable<{ evaluatorId: number; bin: number; status: FinalStatus; count: number }>,
): EvaluatorHistogram[] {
  const by = new Map(evaluators.map((e) => [e.id, { evaluatorId: e.id, name: e.name, role: e.role, bins: emptyBins(), total: 0 }]));
  for (const r of rows) {
    const h = by.get(r.evaluatorId);
    if (!h) continue;
    const b = Math.max(0, Math.min(HIST_BINS - 1, r.bin));
    h.bins[b][r.status] += r.count;
    h.total += r.count;
  }
  return [...by.values()];
}
