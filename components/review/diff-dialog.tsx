'use client';
import { useMemo } from 'react';
import type { BoardCard } from '@/lib/review/types';
import { cn } from '../ui/cn';
import { Dialog } from '../ui/dialog';
import { formatNumber } from '../ui/format';
import { sideBySide, type Segment } from './word-diff';

function Side({ title, segments, testId }: { title: string; segments: Segment[]; testId: string }) {
  return (
    <section className="min-w-0 flex-1 rounded-lg border border-zinc-200 bg-white" aria-label={title} data-testid={testId}>
      <h3 className="border-b border-zinc-100 px-3 py-2 text-xs font-semibold text-zinc-700">{title}</h3>
      <p className="max-h-[65vh] overflow-auto px-3 py-2.5 font-mono text-[12.5px] leading-5 whitespace-pre-wrap text-zinc-800">
        {segments.map((s, i) => (
          <span
            key={i}
            className={cn(s.kind === 'removed' && 'rounded-sm bg-rose-100 text-rose-900 line-through decoration-rose-400', s.kind === 'added' && 'rounded-sm bg-emerald-100 text-emerald-900')}
          >
            {s.text}
          </span>
        ))}
      </p>
    </section>
  );
}

/** Side-by-side word-level diff of two candidates (raw text; untrusted text is only ever text nodes). */
export function DiffDialog({ pair, onClose }: { pair: [BoardCard, BoardCard] | null; onClose: () => void }) {
  const diff = useMemo(() => (pair ? sideBySide(pair[0].content, pair[1].content) : null), [pair]);
  return (
    <Dialog
      open={pair !== null}
      onOpenChange={(o) => !o && onClose()}
      size="wide"
      testId="diff-dialog"
      title={pair ? `Sample ${pair[0].sampleIndex} vs sample ${pair[1].sampleIndex}` : 'Compare'}
      description={
        <>
          {diff && (diff.changed === 0 ? 'The two texts are identical word for word.' : `${formatNumber(diff.changed)} words differ, ${formatNumber(diff.same)} are shared.`)}{' '}
          <span className="rounded-sm bg-rose-100 px-1 text-rose-900 line-through">only left</span>{' '}
          <span className="rounded-sm bg-emerald-100 px-1 text-emerald-900">only right</span>
        </>
      }
    >
      {pair && diff && (
        <div className="flex gap-3">
          <Side title={`Sample ${pair[0].sampleIndex} (#${pair[0].id})`} segments={diff.left} testId="diff-left" />
          <Side title={`Sample ${pair[1].sampleIndex} (#${pair[1].id})`} segments={diff.right} testId="diff-right" />
        </div>
      )}
    </Dialog>
  );
}
