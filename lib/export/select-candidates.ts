// Which candidates of one prompt an SFT export keeps: status, evaluator and score filters, best
// first, then at most K. Pure.
import type { EvaluatorFilter, ExportFilters, ExportStatus } from './schemas';
import type { ExportCandidate, FinalStatus } from './types';

/** Final statuses an export status keeps (`accepted`: curator-approved, or auto-accepted and not rejected by a curator). */
export function statusesFor(status: ExportStatus): FinalStatus[] | null {
  if (status === 'approved') return ['approved'];
  if (status === 'accepted') return ['approved', 'accepted'];
  return null;
}

/** Best first: rank (the policy's order), then higher aggregate, then id. */
export function bestFirst(a: ExportCandidate, b: ExportCandidate): number {
  const ra = a.rank ?? Number.POSITIVE_INFINITY;
  const rb = b.rank ?? Number.POSITIVE_INFINITY;
  if (ra !== rb) return ra - rb;
  const sa = a.aggregate ?? Number.NEGATIVE_INFINITY;
  const sb = b.aggregate ?? Number.NEGATIVE_INFINITY;
  if (sa !== sb) return sb - sa;
  return a.id - b.id;
}

export function passesEvaluatorFilters(c: ExportCandidate, filters: readonly EvaluatorFilter[]): boolean {
  return filters.every((f) => c.scores[f.name]?.passed === f.pass);
}

export function passesScoreFilter(c: ExportCandidate, minScore: number | undefined): boolean {
  return minScore === undefined || (c.aggregate !== null && c.aggregate >= minScore);
}

export function selectCandidates(candidates: readonly ExportCandidate[], filters: ExportFilters): ExportCandidate[] {
  const statuses = statusesFor(filters.status);
  const kept = candidates
    .filter((c) => (statuses ? statuses.includes(c.finalStatus) : true))
    .filter((c) => passesScoreFilter(c, filters.minScore) && passesEvaluatorFilters(c, filters.evaluators))
    .sort(bestFirst);
  return filters.topK ? kept.slice(0, filters.topK) : kept;
}
