// Which stored auto verdicts passed the policy's gates and threshold, read from the stored verdict
// reason (the policy core writes stable reason texts; verdict-class.test.ts ties the two together).
// `eligible`: passed gates and threshold (accepted, or cut by top-k / as a duplicate).
// `below`: passed the gates but scored below the threshold. `other`: failed/errored gate, no score, pending.

export type VerdictClass = 'eligible' | 'below' | 'other';

/** JS twin of VERDICT_CLASS_SQL, for tests and small in-memory sets. */
export function verdictClass(autoVerdict: string, reason: string | null): VerdictClass {
  if (autoVerdict === 'accepted') return 'eligible';
  if (autoVerdict !== 'rejected' || reason === null) return 'other';
  if (reason.startsWith('not in top ') || reason.startsWith('duplicate of ')) return 'eligible';
  // LIKE 'score % below threshold %': the second part starts after 'score ' (sharing its space is no match).
  if (reason.startsWith('score ') && reason.indexOf(' below threshold ', 6) >= 6) return 'below';
  return 'other';
}

/** SQL over a candidates alias `c`: 1 eligible, 2 below threshold, 0 other. */
export const VERDICT_CLASS_SQL = `(CASE WHEN c.auto_verdict = 'accepted' THEN 1
  WHEN c.auto_verdict <> 'rejected' OR c.verdict_reason IS NULL THEN 0
  WHEN c.verdict_reason LIKE 'not in top %' OR c.verdict_reason LIKE 'duplicate of %' THEN 1
  WHEN c.verdict_reason LIKE 'score % below threshold %' THEN 2
  ELSE 0 END)`;
