import { formatScore } from './format-score';
import type { CandidateVerdict, PromptFlag, PromptVerdict } from './types';

const VERDICT_WORD = { accepted: 'Accepted', rejected: 'Rejected', pending: 'Pending' } as const;

/**
 * One sentence for the UI, e.g. "Accepted: passed math-answer; score 0.91 ≥ 0.50; rank 1 of 4" or
 * "Rejected: failed gate math-answer: got 26, expected 18; rank 3 of 4".
 */
export function explainVerdict(v: CandidateVerdict, candidateCount: number): string {
  const parts = [v.reason];
  // A no-score reason already names every scorer that gave nothing.
  if (v.excluded.length > 0 && v.code !== 'no-score') parts.push(`left out of the score (no value): ${v.excluded.join(', ')}`);
  // "not in top k (rank r)" already names the rank.
  if (v.code !== 'beyond-top-k') parts.push(`rank ${v.rank} of ${candidateCount}`);
  return `${VERDICT_WORD[v.autoVerdict]}: ${parts.join('; ')}`;
}

export const FLAG_LABELS: Record<PromptFlag, string> = {
  'gate-judge-disagree': 'a gate and a judge disagree',
  'pairwise-inconsistent': 'a pairwise verdict is inconsistent',
  'no-accepted': 'no candidate accepted',
  'all-pending': 'nothing scored yet',
};

/** e.g. "1 accepted; top score 0.91, margin 0.12; flags: a gate and a judge disagree". */
export function explainPrompt(p: PromptVerdict): string {
  const parts = [`${p.acceptedCount} accepted`];
  if (p.topScore !== null) {
    parts.push(p.margin !== null ? `top score ${formatScore(p.topScore)}, margin ${formatScore(p.margin)}` : `top score ${formatScore(p.topScore)}`);
  }
  if (p.flags.length > 0) parts.push(`flags: ${p.flags.map((f) => FLAG_LABELS[f]).join(', ')}`);
  return parts.join('; ');
}
