import type { BoardCard } from '@/lib/review/types';
import { Badge } from '../ui/badge';

/** The decision (curator) or, unless blind, the machine's final status. */
export function StatusChip({ card, blind }: { card: Pick<BoardCard, 'finalStatus' | 'decision'>; blind: boolean }) {
  if (card.decision) {
    return card.decision.verdict === 'approved' ? (
      <Badge tone="emerald" dot className="text-[12px]" title={`Approved by ${card.decision.reviewer ?? 'a curator'}`}>
        Approved
      </Badge>
    ) : (
      <Badge tone="rose" dot className="text-[12px]" title={`Rejected by ${card.decision.reviewer ?? 'a curator'}`}>
        Rejected
      </Badge>
    );
  }
  if (blind) return <Badge className="text-[12px]">Undecided</Badge>;
  const s = { pending: ['amber', 'Auto: pending'], accepted: ['emerald', 'Auto: accepted'], rejected: ['neutral', 'Auto: rejected'], approved: ['emerald', 'Approved'] } as const;
  const [tone, label] = s[card.finalStatus];
  return (
    <Badge tone={tone} className="text-[12px]" title="No curator decision yet: this is the automatic verdict">
      {label}
    </Badge>
  );
}
