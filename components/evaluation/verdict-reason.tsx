import { Badge, type Tone } from '../ui/badge';

const VERDICT: Record<'pending' | 'accepted' | 'rejected', { tone: Tone; label: string }> = {
  pending: { tone: 'neutral', label: 'Auto: pending' },
  accepted: { tone: 'emerald', label: 'Auto: accepted' },
  rejected: { tone: 'rose', label: 'Auto: rejected' },
};

/** The automatic verdict with its reason ("failed gate math-answer: got 26, expected 18") and rank. */
export function VerdictReason({
  verdict,
  reason,
  rank,
  of,
}: {
  verdict: 'pending' | 'accepted' | 'rejected';
  reason: string | null;
  rank?: number | null;
  of?: number;
}) {
  const v = VERDICT[verdict];
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs" data-testid="verdict-reason">
      <Badge tone={v.tone}>{v.label}</Badge>
      {reason && <span className="text-zinc-600">{reason}</span>}
      {rank != null && (
        <span className="text-zinc-400">
          · rank {rank}
          {of ? ` of ${of}` : ''}
        </span>
      )}
    </div>
  );
}
