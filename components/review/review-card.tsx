'use client';
import { forwardRef } from 'react';
import type { BoardCard, BoardEvaluator } from '@/lib/review/types';
import type { DecisionAction } from '@/lib/review/schemas';
import { MarkdownText } from '../markdown';
import { Button } from '../ui/button';
import { cn } from '../ui/cn';
import { formatNumber, formatScore } from '../ui/format';
import { Kbd } from '../ui/kbd';
import { RelativeTime } from '../ui/relative-time';
import { ScoreChips } from './score-chips';
import { StatusChip } from './status-chip';

type Props = {
  card: BoardCard;
  evaluators: BoardEvaluator[];
  /** 1-based position (the number key that jumps here). */
  position: number;
  selected: boolean;
  compare: boolean;
  blind: boolean;
  canEdit: boolean;
  onSelect: () => void;
  onDecide: (action: DecisionAction) => void;
  onToggleCompare: () => void;
};

/** One candidate on the board: text, gates and scores (unless blind), verdict, decision, actions. */
export const ReviewCard = forwardRef<HTMLElement, Props>(function ReviewCard(
  { card: c, evaluators, position, selected, compare, blind, canEdit, onSelect, onDecide, onToggleCompare },
  ref,
) {
  const decided = c.decision?.verdict;
  return (
    <article
      ref={ref}
      aria-labelledby={`rc-${c.id}`}
      aria-current={selected ? 'true' : undefined}
      data-testid="review-card"
      data-candidate-id={c.id}
      data-final-status={c.finalStatus}
      onClick={onSelect}
      className={cn(
        'scroll-mt-20 rounded-lg border bg-white shadow-xs transition-shadow',
        selected ? 'border-indigo-400 ring-2 ring-indigo-500/30' : 'border-zinc-200',
        decided === 'approved' && !selected && 'border-emerald-300',
        decided === 'rejected' && !selected && 'border-rose-200 opacity-90',
      )}
    >
      <header className="flex flex-wrap items-center gap-x-2.5 gap-y-1.5 border-b border-zinc-100 px-4 py-2">
        <Kbd className={cn(selected && 'border-indigo-400 text-indigo-700')}>{position <= 9 ? position : '·'}</Kbd>
        <h3 id={`rc-${c.id}`} className="text-sm font-semibold text-zinc-900">
          Sample {c.sampleIndex}
          <span className="ml-1.5 font-normal text-zinc-400">#{c.id}</span>
        </h3>
        {!blind && c.rank != null && <span className="text-xs text-zinc-500">rank {c.rank}</span>}
        {c.duplicates.length > 0 && (
          <span
            className="rounded-md bg-violet-50 px-1.5 py-0.5 text-[11px] font-medium text-violet-700 ring-1 ring-violet-600/20 ring-inset"
            title={`Identical text: ${c.duplicates.map((d) => `sample ${d.sampleIndex} (#${d.id})`).join(', ')}`}
            data-testid="duplicate-count"
          >
            ×{c.duplicates.length + 1} identical
          </span>
        )}
        {c.model && <span className="max-w-48 truncate rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-[11px] text-zinc-600">{c.model}</span>}
        {c.finishReason === 'length' && <span className="text-[11px] font-medium text-amber-700">cut off</span>}
        <div className="ml-auto flex items-center gap-2.5">
          {!blind && (
            <span className="text-right" data-testid="aggregate">
              <span className="mr-1 text-[10px] font-medium tracking-wide text-zinc-400 uppercase">score</span>
              <span className="text-sm font-semibold text-zinc-900 tabular-nums">{formatScore(c.aggregate)}</span>
            </span>
          )}
          <StatusChip card={c} blind={blind} />
        </div>
      </header>

      <div className="px-4 py-3">
        {c.content ? <MarkdownText text={c.content} /> : <p className="text-sm text-zinc-400 italic">(empty answer)</p>}
        {c.completionTokens != null && <p className="mt-2 text-[11px] text-zinc-400">{formatNumber(c.completionTokens)} tokens</p>}
      </div>

      <footer className="space-y-2 rounded-b-lg border-t border-zinc-100 bg-zinc-50/60 px-4 py-2.5">
        {!blind && (
          <>
            {c.verdictReason && (
              <p className="text-xs text-zinc-600" data-testid="verdict-reason">
                <span className="font-medium text-zinc-700">Auto verdict:</span> {c.autoVerdict} — {c.verdictReason}
              </p>
            )}
            <ScoreChips scores={c.scores} evaluators={evaluators} />
          </>
        )}
        <div className="flex flex-wrap items-center gap-2">
          {canEdit && (
            <>
              <Button size="sm" variant={decided === 'approved' ? 'primary' : 'secondary'} onClick={(e) => (e.stopPropagation(), onDecide('approve'))} aria-keyshortcuts="a">
                Approve <Kbd className="h-4 min-w-4 text-[10px]">a</Kbd>
              </Button>
              <Button size="sm" variant={decided === 'rejected' ? 'danger' : 'secondary'} onClick={(e) => (e.stopPropagation(), onDecide('reject'))} aria-keyshortcuts="r">
                Reject <Kbd className="h-4 min-w-4 text-[10px]">r</Kbd>
              </Button>
              <Button size="sm" variant="ghost" disabled={!c.decision} onClick={(e) => (e.stopPropagation(), onDecide('reset'))} aria-keyshortcuts="u">
                Reset to auto <Kbd className="h-4 min-w-4 text-[10px]">u</Kbd>
              </Button>
            </>
          )}
          <label className="ml-1 inline-flex cursor-pointer items-center gap-1.5 text-xs text-zinc-600" onClick={(e) => e.stopPropagation()}>
            <input type="checkbox" checked={compare} onChange={onToggleCompare} className="size-3.5 accent-indigo-600" />
            Compare
          </label>
          {c.decision && (
            <span className="ml-auto text-xs text-zinc-500" data-testid="decision-by">
              {c.decision.verdict === 'approved' ? 'Approved' : 'Rejected'} by {c.decision.reviewer ?? 'a deleted user'} · <RelativeTime date={c.decision.updatedAt} />
            </span>
          )}
        </div>
      </footer>
    </article>
  );
});
