import { Badge } from '../ui/badge';
import { formatScore } from '../ui/format';

/** One evaluator's result on a candidate, as the UI needs it (a DTO, no Prisma types). */
export type ScoreBadgeDto = {
  evaluatorId: number;
  evaluator: string;
  role: 'gate' | 'score';
  value: number | null;
  passed: boolean | null;
  error: string | null;
  rationale?: string | null;
  /** The number before normalisation to 0..1 (imported scores, reward models), when kept. */
  rawValue?: number | null;
};

/** A raw score, short: 4 significant digits (−4.213, 6.1, 1234). */
export function formatRaw(n: number): string {
  return String(Number(n.toPrecision(4))).replace('-', '−');
}

/** "raw 6.1 → 0.73" for the title/tooltip of a normalised score; null when no raw value is kept. */
export function rawNote(s: { rawValue?: number | null; value: number | null }): string | null {
  return s.rawValue == null ? null : `raw ${formatRaw(s.rawValue)} → ${formatScore(s.value)}`;
}

/**
 * Compact badges: each gate as pass/fail/error, each score evaluator with its value.
 * Presentational; the review board uses it too.
 */
export function ScoreBadges({ scores, className }: { scores: ScoreBadgeDto[]; className?: string }) {
  if (!scores.length) return null;
  const gates = scores.filter((s) => s.role === 'gate');
  const others = scores.filter((s) => s.role !== 'gate');
  return (
    <ul aria-label="Evaluator results" className={['flex flex-wrap items-center gap-1.5', className].filter(Boolean).join(' ')}>
      {gates.map((s) => {
        const state = s.error ? 'error' : (s.passed ?? (s.value != null ? s.value >= 0.5 : null)) === true ? 'pass' : s.passed === null && s.value == null ? 'error' : 'fail';
        const tone = state === 'pass' ? 'emerald' : state === 'fail' ? 'rose' : 'amber';
        return (
          <li key={s.evaluatorId} data-testid="gate-badge" data-state={state}>
            <Badge tone={tone} title={s.error ?? s.rationale ?? undefined}>
              <span aria-hidden>{state === 'pass' ? '✓' : state === 'fail' ? '✗' : '!'}</span>
              {s.evaluator} <span className="font-normal">{state}</span>
            </Badge>
          </li>
        );
      })}
      {others.map((s) => (
        <li key={s.evaluatorId} data-testid="score-badge">
          <Badge tone={s.error ? 'amber' : 'sky'} title={s.error ?? rawNote(s) ?? s.rationale ?? undefined}>
            {s.evaluator} <span className="tabular-nums">{s.error ? 'error' : formatScore(s.value)}</span>
            {s.rawValue != null && (
              <span className="font-normal text-zinc-500 tabular-nums" data-testid="raw-score">
                raw {formatRaw(s.rawValue)}
              </span>
            )}
          </Badge>
        </li>
      ))}
    </ul>
  );
}
