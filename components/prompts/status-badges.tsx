import type { CandidateDto } from '@/lib/prompts/get-prompt';
import type { PromptRowStatus } from '@/lib/prompts/text';
import { Badge, type Tone } from '../ui/badge';

const promptStatus: Record<PromptRowStatus, { tone: Tone; label: string; title: string }> = {
  'no-candidates': { tone: 'neutral', label: 'No candidates', title: 'Nothing generated or imported for this prompt yet' },
  pending: { tone: 'amber', label: 'Pending', title: 'Candidates are waiting for evaluation or a verdict' },
  accepted: { tone: 'emerald', label: 'Accepted', title: 'At least one candidate is accepted' },
  rejected: { tone: 'rose', label: 'All rejected', title: 'Every candidate was rejected' },
  reviewed: { tone: 'indigo', label: 'Reviewed', title: 'A curator has reviewed this prompt' },
};

export function PromptStatusBadge({ status }: { status: PromptRowStatus }) {
  const s = promptStatus[status];
  return (
    <Badge tone={s.tone} dot title={s.title}>
      {s.label}
    </Badge>
  );
}

const finalStatus: Record<CandidateDto['finalStatus'], { tone: Tone; label: string }> = {
  pending: { tone: 'amber', label: 'Pending' },
  accepted: { tone: 'emerald', label: 'Accepted' },
  approved: { tone: 'emerald', label: 'Approved' },
  rejected: { tone: 'rose', label: 'Rejected' },
};

export function FinalStatusBadge({ status, byCurator }: { status: CandidateDto['finalStatus']; byCurator: boolean }) {
  const s = finalStatus[status];
  return (
    <Badge tone={s.tone} dot className="text-[13px]" title={byCurator ? 'Final status set by a curator' : 'Final status from the automatic verdict'}>
      {s.label}
      {byCurator && status !== 'approved' ? ' by curator' : ''}
    </Badge>
  );
}

const autoVerdict: Record<CandidateDto['autoVerdict'], { tone: Tone; label: string }> = {
  pending: { tone: 'neutral', label: 'Auto: pending' },
  accepted: { tone: 'emerald', label: 'Auto: accepted' },
  rejected: { tone: 'rose', label: 'Auto: rejected' },
};

export function AutoVerdictBadge({ verdict }: { verdict: CandidateDto['autoVerdict'] }) {
  const s = autoVerdict[verdict];
  return <Badge tone={s.tone}>{s.label}</Badge>;
}
