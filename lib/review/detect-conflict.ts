// Optimistic concurrency for decisions, as pure functions: is a write stale, and what to tell the
// curator (who decided what, when) instead of overwriting it.
import type { ConflictInfo, FinalStatus, Verdict } from './types';

export type CurrentReview = {
  candidateId: number;
  version: number;
  finalStatus: FinalStatus;
  verdict: Verdict | null;
  /** Who made the current state (the decision's reviewer, or whoever reset it), if known. */
  by: string | null;
  at: string | null;
};

/** null when the write may go ahead (the version read is the current one). */
export function detectConflict(yourVersion: number, current: CurrentReview): ConflictInfo | null {
  if (yourVersion === current.version) return null;
  return {
    candidateId: current.candidateId,
    yourVersion,
    currentVersion: current.version,
    verdict: current.verdict,
    finalStatus: current.finalStatus,
    by: current.by,
    at: current.at,
    message: conflictMessage(current),
  };
}

export function conflictMessage(c: Pick<CurrentReview, 'verdict' | 'by' | 'candidateId'>): string {
  const who = c.by ?? 'Someone else';
  const what =
    c.verdict === 'approved' ? `approved candidate #${c.candidateId}` : c.verdict === 'rejected' ? `rejected candidate #${c.candidateId}` : `reset candidate #${c.candidateId} to the auto verdict`;
  return `${who} ${what} meanwhile. Your change was not saved; the board now shows their decision.`;
}
