'use client';
import { Dialog as RadixDialog } from 'radix-ui';
import { useMemo } from 'react';
import type { BoardCard } from '@/lib/review/types';
import { cn } from '../ui/cn';
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
    <RadixDialog.Root open={pair !== null} onOpenChange={(o) => !o && onClose()}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-zinc-950/30 backdrop-blur-[1px]" />
        <RadixDialog.Content
          data-testid="diff-dialog"
          className="fixed top-1/2 left-1/2 z-50 w-[min(72rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-xl bg-zinc-50 p-5 shadow-xl ring-1 ring-zinc-200 focus:outline-none"
        >
          <RadixDialog.Title className="text-base font-semibold text-zinc-900">
            {pair ? `Sample ${pair[0].sampleIndex} vs sample ${pair[1].sampleIndex}` : 'Compare'}
          </RadixDialog.Title>
          <RadixDialog.Description className="mt-1 text-sm text-zinc-600">
            {diff && (diff.changed === 0 ? 'The two texts are identical word for word.' : `${formatNumber(diff.changed)} words differ, ${formatNumber(diff.same)} are shared.`)}{' '}
            <span className="rounded-sm bg-rose-100 px-1 text-rose-900 line-through">only left</span>{' '}
            <span className="rounded-sm bg-emerald-100 px-1 text-emerald-900">only right</span>
          </RadixDialog.Description>
          {pair && diff && (
            <div className="mt-4 flex gap-3">
              <Side title={`Sample ${pair[0].sampleIndex} (#${pair[0].id})`} segments={diff.left} testId="diff-left" />
              <Side title={`Sample ${pair[1].sampleIndex} (#${pair[1].id})`} segments={diff.right} testId="diff-right" />
            </div>
          )}
          <RadixDialog.Close
            aria-label="Close"
            className="absolute top-3 right-3 rounded-md p-1 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700 focus-visible:outline-2 focus-visible:outline-indigo-500"
          >
            <svg viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden>
              <path d="M5 5l10 10M15 5L5 15" strokeLinecap="round" />
            </svg>
          </RadixDialog.Close>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
