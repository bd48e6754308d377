// Acceptance, tokens and cost per run / model / endpoint, with accepted examples per dollar. Pure.

export interface CostRow {
  /** What the row is grouped by: a run ("#12 gpt-4o-mini"), a model or an endpoint name. */
  key: string;
  candidates: number;
  /** Final status accepted or approved. */
  accepted: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

export interface CostLine extends CostRow {
  acceptanceRate: number | null;
  /** null when nothing was paid for (imported candidates, unpriced endpoints). */
  acceptedPerDollar: number | null;
  costPerAccepted: number | null;
}

export function costLine(r: CostRow): CostLine {
  return {
    ...r,
    acceptanceRate: r.candidates > 0 ? r.accepted / r.candidates : null,
    acceptedPerDollar: r.costUsd > 0 ? r.accepted / r.costUsd : null,
    costPerAccepted: r.accepted > 0 && r.costUsd > 0 ? r.costUsd / r.accepted : null,
  };
}

/** Sums rows sharing a key (e.g. runs into models), keeping first-seen order. */
export function rollUp(rows: Iterable<CostRow & { group: string }>): CostLine[] {
  const out = new Map<string, CostRow>();
  for (const r of rows) {
    const a = out.get(r.group) ?? { key: r.group, candidates: 0, accepted: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 };
    a.candidates += r.candidates;
    a.accepted += r.accepted;
    a.promptTokens += r.promptTokens;
    a.completionTokens += r.completionTokens;
    a.costUsd += r.costUsd;
    out.set(r.group, a);
  }
  return [...out.values()].map(costLine);
}
