'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { toast } from 'sonner';
import { claimNextAction } from '@/app/(workbench)/datasets/[id]/review/actions';
import { reviewApi, reviewHref, reviewKeys } from '@/lib/review/query-keys';
import type { QueueQuery } from '@/lib/review/schemas';
import type { Board, BoardCard } from '@/lib/review/types';
import { uncertaintyReasons } from '@/lib/review/uncertainty';
import { PromptCards } from '../prompts/prompt-cards';
import { fetchJson } from '../prompts/fetch-json';
import { Button, ButtonLink } from '../ui/button';
import { Card, CardBody, CardHeader } from '../ui/card';
import { cn } from '../ui/cn';
import { EmptyState } from '../ui/empty-state';
import { formatNumber } from '../ui/format';
import { InboxIcon } from '../ui/icons';
import { Kbd } from '../ui/kbd';
import { RelativeTime } from '../ui/relative-time';
import { AuditLog } from './audit-log';
import { displayOrder, type Me } from './board-state';
import { DiffDialog } from './diff-dialog';
import { NoteEditor } from './note-editor';
import { ReviewCard } from './review-card';
import { ShortcutsDialog } from './shortcuts-dialog';
import { useBlindMode } from './use-blind-mode';
import { useBoardActions } from './use-board-actions';

type Props = { datasetId: number; promptId: number; me: Me; canEdit: boolean; queue: QueueQuery };

const isTyping = (t: EventTarget | null) => !!(t as HTMLElement | null)?.closest?.('input, textarea, select, [contenteditable="true"], [role="dialog"]');

/** The review board of one prompt, driven from the keyboard (see SHORTCUTS). */
export function ReviewBoard({ datasetId, promptId, me, canEdit, queue }: Props) {
  const router = useRouter();
  const qc = useQueryClient();
  const board = useQuery({
    queryKey: reviewKeys.board(datasetId, promptId),
    queryFn: ({ signal }) => fetchJson<Board>(reviewApi.board(datasetId, promptId), signal),
  });
  const [blind, setBlind] = useBlindMode();
  const cards = useMemo(() => (board.data ? displayOrder(board.data, blind) : []), [board.data, blind]);
  const [selected, setSelected] = useState(0);
  const [compare, setCompare] = useState<number[]>([]);
  const [diffOpen, setDiffOpen] = useState(false);
  const [help, setHelp] = useState(false);
  const [claiming, setClaiming] = useState(false);
  const cardRefs = useRef<(HTMLElement | null)[]>([]);
  const { decide, acceptBest, note } = useBoardActions(datasetId, promptId, me);

  const sel = cards[Math.min(selected, cards.length - 1)] as BoardCard | undefined;
  const select = useCallback(
    (i: number) => {
      if (cards.length === 0) return;
      const next = Math.max(0, Math.min(cards.length - 1, i));
      setSelected(next);
      cardRefs.current[next]?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    },
    [cards.length],
  );

  const pair = useMemo<[BoardCard, BoardCard] | null>(() => {
    if (!diffOpen || compare.length !== 2) return null;
    const a = cards.find((c) => c.id === compare[0]);
    const b = cards.find((c) => c.id === compare[1]);
    return a && b ? [a, b] : null;
  }, [diffOpen, compare, cards]);

  const toggleCompare = useCallback((id: number, openWhenTwo: boolean) => {
    setCompare((prev) => {
      const next = prev.includes(id) ? prev.filter((x) => x !== id) : [...prev, id].slice(-2);
      if (openWhenTwo && next.length === 2) setDiffOpen(true);
      return next;
    });
  }, []);

  const nextPrompt = useCallback(async () => {
    if (claiming) return;
    setClaiming(true);
    try {
      const r = await claimNextAction({ datasetId, order: queue.order, seed: queue.seed, filter: queue, currentPromptId: promptId });
      if (!r.ok) return void toast.error(r.message);
      void qc.invalidateQueries({ queryKey: reviewKeys.all(datasetId) });
      if (r.data.promptId === null) toast.info('Nothing left to review in this queue.', { description: 'Every prompt is reviewed or claimed by someone else.' });
      else router.push(reviewHref.board(datasetId, r.data.promptId, queue));
    } finally {
      setClaiming(false);
    }
  }, [claiming, datasetId, promptId, queue, qc, router]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey || isTyping(e.target)) return;
      const b = board.data;
      if (e.key === '?') return void (e.preventDefault(), setHelp(true));
      if (!b) return;
      const k = e.key;
      let handled = true;
      if (k === 'j' || k === 'ArrowDown') select(selected + 1);
      else if (k === 'k' || k === 'ArrowUp') select(selected - 1);
      else if (/^[1-9]$/.test(k)) select(Number(k) - 1);
      else if (k === 'n' && canEdit) void nextPrompt();
      else if (k === 'd' && sel) {
        if (compare.length === 2 && compare.includes(sel.id)) setDiffOpen(true);
        else toggleCompare(sel.id, true);
      } else if (canEdit && sel && (k === 'a' || k === 'r' || k === 'u')) {
        if (k === 'u' && !sel.decision) toast.info('Nothing to reset: this candidate has no curator decision.');
        else decide.mutate({ card: sel, action: k === 'a' ? 'approve' : k === 'r' ? 'reject' : 'reset' });
      } else if (canEdit && k === 'b') acceptBest.mutate({ board: b, bestId: blind ? sel?.id : undefined });
      else handled = false;
      if (handled) e.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [board.data, selected, sel, compare, canEdit, blind, select, nextPrompt, toggleCompare, decide, acceptBest]);

  if (board.isError) {
    return (
      <EmptyState icon={<InboxIcon className="size-9" />} title="This board could not be loaded">
        {board.error.message}
      </EmptyState>
    );
  }
  const data = board.data;
  if (!data) return <p className="text-sm text-zinc-500">Loading…</p>;
  const p = data.prompt;
  const reasons = uncertaintyReasons(p, data.threshold);
  const claimedByOther = p.claim && p.claim.userId !== me.id;
  const decidedCount = cards.reduce((n, c) => n + (c.decision ? 1 : 0), 0);

  return (
    <div data-testid="review-board" data-blind={blind ? 'true' : 'false'}>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <nav aria-label="Breadcrumb" className="text-sm text-zinc-500">
            <Link href="/datasets" className="hover:text-zinc-800 hover:underline">Datasets</Link>
            <span aria-hidden className="mx-1.5 text-zinc-300">/</span>
            <Link href={`/datasets/${datasetId}`} className="hover:text-zinc-800 hover:underline">{p.datasetName}</Link>
            <span aria-hidden className="mx-1.5 text-zinc-300">/</span>
            <Link href={reviewHref.queue(datasetId, queue)} className="hover:text-zinc-800 hover:underline">Review</Link>
            <span aria-hidden className="mx-1.5 text-zinc-300">/</span>
          </nav>
          <h1 className="mt-0.5 truncate font-mono text-lg font-semibold tracking-tight text-zinc-900" title={p.externalId} data-testid="board-title">
            {p.externalId}
          </h1>
          <p className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-zinc-500">
            <span>
              {formatNumber(data.candidateCount)} candidates{data.cards.length < data.candidateCount && <> in {formatNumber(data.cards.length)} distinct texts</>} · {formatNumber(decidedCount)} decided
            </span>
            {p.reviewedAt && (
              <span className="text-emerald-700">
                · reviewed <RelativeTime date={p.reviewedAt} />
              </span>
            )}
            {!blind &&
              reasons.map((r) => (
                <span key={r} className="rounded bg-amber-50 px-1.5 py-0.5 text-xs text-amber-800 ring-1 ring-amber-600/20 ring-inset">
                  {r}
                </span>
              ))}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Button size="sm" variant={blind ? 'primary' : 'secondary'} aria-pressed={blind} onClick={() => setBlind(!blind)} title="Hide scores and verdicts so the machine does not anchor you">
            {blind ? 'Blind mode on' : 'Blind mode'}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setHelp(true)}>
            Shortcuts <Kbd>?</Kbd>
          </Button>
          <Button size="sm" variant="secondary" disabled={compare.length !== 2} onClick={() => setDiffOpen(true)}>
            Diff {compare.length}/2 <Kbd>d</Kbd>
          </Button>
          {canEdit && (
            <Button
              size="sm"
              variant="secondary"
              disabled={cards.length === 0}
              onClick={() => acceptBest.mutate({ board: data, bestId: blind ? sel?.id : undefined })}
              title={blind ? 'Approve the selected candidate and reject every other one' : 'Approve the best-ranked candidate and reject every other one'}
            >
              {blind ? 'Accept selected, reject rest' : 'Accept best, reject rest'} <Kbd>b</Kbd>
            </Button>
          )}
          <ButtonLink href={reviewHref.queue(datasetId, queue)} size="sm" variant="ghost">
            Queue
          </ButtonLink>
          {canEdit && (
            <Button size="sm" variant="primary" onClick={() => void nextPrompt()} disabled={claiming} data-testid="next-prompt">
              Next prompt <Kbd className="border-indigo-400 bg-indigo-500 text-white shadow-none">n</Kbd>
            </Button>
          )}
        </div>
      </div>

      {claimedByOther && (
        <p className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-600/20 ring-inset" role="status">
          {p.claim!.name} is reviewing this prompt (claim ends <RelativeTime date={p.claim!.expiresAt} />). Your decisions still save, and a clash is refused, never overwritten.
        </p>
      )}

      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <div className="space-y-4 lg:sticky lg:top-16 lg:max-h-[calc(100vh-5rem)] lg:overflow-y-auto lg:pb-4">
          <PromptCards idPrefix="rv-" messages={p.messages} reference={p.reference} />
          <Card aria-labelledby="rv-note">
            <CardHeader id="rv-note" title="Note" />
            <CardBody>
              <NoteEditor note={p.note} canEdit={canEdit} saving={note.isPending} onSave={(next, previous) => note.mutate({ next, previous })} />
            </CardBody>
          </Card>
          <Card aria-labelledby="rv-audit">
            <CardHeader id="rv-audit" title="History" />
            <CardBody>
              <AuditLog entries={data.audit} />
            </CardBody>
          </Card>
        </div>

        <section aria-label="Candidates" className="space-y-3">
          {cards.length === 0 ? (
            <EmptyState icon={<InboxIcon className="size-9" />} title="No candidates yet">
              Generate or import candidates for this prompt first.
            </EmptyState>
          ) : (
            cards.map((c, i) => (
              <ReviewCard
                key={c.id}
                ref={(el) => {
                  cardRefs.current[i] = el;
                }}
                card={c}
                evaluators={data.evaluators}
                position={i + 1}
                selected={sel?.id === c.id}
                compare={compare.includes(c.id)}
                blind={blind}
                canEdit={canEdit}
                onSelect={() => setSelected(i)}
                onDecide={(action) => decide.mutate({ card: c, action })}
                onToggleCompare={() => toggleCompare(c.id, false)}
              />
            ))
          )}
        </section>
      </div>

      <DiffDialog pair={pair} onClose={() => setDiffOpen(false)} />
      <ShortcutsDialog open={help} onOpenChange={setHelp} />
      <span className={cn('sr-only')} aria-live="polite">
        {sel ? `Selected sample ${sel.sampleIndex}` : ''}
      </span>
    </div>
  );
}
