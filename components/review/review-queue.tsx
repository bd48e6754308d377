'use client';
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { toast } from 'sonner';
import { claimNextAction } from '@/app/(workbench)/datasets/[id]/review/actions';
import type { LastBulk } from '@/lib/review/bulk-actions';
import type { ReviewProgress } from '@/lib/review/get-progress';
import type { QueuePage } from '@/lib/review/list-queue';
import { reviewApi, reviewHref, reviewKeys } from '@/lib/review/query-keys';
import {
  parseQueueQuery,
  QUEUE_ORDER_LABELS,
  QUEUE_ORDERS,
  QUEUE_STATUS_FILTERS,
  QUEUE_STATUS_LABELS,
  queueSearchParams,
  REVIEWED_FILTERS,
  REVIEWED_LABELS,
  type QueueQuery,
} from '@/lib/review/schemas';
import type { BoardEvaluator } from '@/lib/review/types';
import { fetchJson } from '../prompts/fetch-json';
import { Button } from '../ui/button';
import { cn } from '../ui/cn';
import { EmptyState } from '../ui/empty-state';
import { formatNumber, formatScore } from '../ui/format';
import { InboxIcon, SearchIcon } from '../ui/icons';
import { Input, Select } from '../ui/input';
import { Kbd } from '../ui/kbd';
import { Table, TBody, Td, Th, THead } from '../ui/table';
import { BulkActions } from './bulk-actions';
import { ProgressPanel } from './progress-panel';

export type ProgressDto = ReviewProgress & { lastBulk: LastBulk };

const FLAG_LABELS: Record<string, string> = { 'gate-judge-disagree': 'gate ≠ judge', 'pairwise-inconsistent': 'pairwise inconsistent', 'no-accepted': 'none accepted', 'all-pending': 'all pending' };

function UncertaintyBar({ value }: { value: number }) {
  return (
    <span className="inline-flex items-center gap-1.5" title={`Uncertainty ${value.toFixed(2)}`}>
      <span className="inline-block h-1.5 w-12 overflow-hidden rounded-full bg-zinc-200" aria-hidden>
        <span className="block h-full rounded-full bg-amber-500" style={{ width: `${Math.round(Math.min(1, value) * 100)}%` }} />
      </span>
      <span className="text-xs text-zinc-600 tabular-nums">{value.toFixed(2)}</span>
    </span>
  );
}

/** The review queue of a dataset: order, filters, progress, bulk actions and "start reviewing". */
export function ReviewQueue({ datasetId, evaluators, canEdit }: { datasetId: number; evaluators: BoardEvaluator[]; canEdit: boolean }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const qc = useQueryClient();
  const query = useMemo(() => parseQueueQuery(new URLSearchParams(searchParams.toString())), [searchParams]);
  const [search, setSearch] = useState(query.q);
  const [claiming, setClaiming] = useState(false);
  const [selected, setSelected] = useState(-1);

  const navigate = useCallback(
    (next: Partial<QueueQuery>) => {
      const params = queueSearchParams({ ...query, ...next, after: undefined }).toString();
      window.history.replaceState(null, '', params ? `${pathname}?${params}` : pathname);
    },
    [pathname, query],
  );

  useEffect(() => {
    const q = search.trim();
    if (q === query.q) return;
    const t = setTimeout(() => navigate({ q }), 250);
    return () => clearTimeout(t);
  }, [search, query.q, navigate]);

  const progress = useQuery({ queryKey: reviewKeys.progress(datasetId), queryFn: ({ signal }) => fetchJson<ProgressDto>(reviewApi.progress(datasetId), signal) });
  const base = { ...query, after: undefined };
  const pages = useInfiniteQuery({
    queryKey: reviewKeys.queue(datasetId, base),
    queryFn: ({ pageParam, signal }) => fetchJson<QueuePage>(reviewApi.queue(datasetId, { ...base, after: pageParam ?? undefined }), signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
  const items = useMemo(() => pages.data?.pages.flatMap((p) => p.items) ?? [], [pages.data]);

  const start = useCallback(async () => {
    if (claiming) return;
    setClaiming(true);
    try {
      const r = await claimNextAction({ datasetId, order: query.order, seed: query.seed, filter: query });
      if (!r.ok) return void toast.error(r.message);
      if (r.data.promptId === null) return void toast.info('Nothing to review here', { description: 'Every prompt of this filter is reviewed or claimed by someone else.' });
      void qc.invalidateQueries({ queryKey: reviewKeys.all(datasetId) });
      router.push(reviewHref.board(datasetId, r.data.promptId, query));
    } finally {
      setClaiming(false);
    }
  }, [claiming, datasetId, query, qc, router]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey) return;
      if ((e.target as HTMLElement | null)?.closest?.('input, textarea, select, [role="dialog"]')) return;
      if (e.key === 'n' && canEdit) void start();
      else if (e.key === 'j') setSelected((s) => Math.min(items.length - 1, s + 1));
      else if (e.key === 'k') setSelected((s) => Math.max(0, s - 1));
      else if (e.key === 'Enter' && items[selected]) router.push(reviewHref.board(datasetId, items[selected].id, query));
      else if (e.key === '/') document.getElementById('queue-search')?.focus();
      else return;
      e.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canEdit, start, items, selected, router, datasetId, query]);

  const filter = { q: query.q, status: query.status, reviewed: query.reviewed, min: query.min, max: query.max, evaluator: query.evaluator, result: query.result };

  return (
    <div className="space-y-4" data-testid="review-queue">
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_auto] lg:items-start">
        {progress.data ? <ProgressPanel progress={progress.data} /> : <div className="h-20 rounded-lg border border-zinc-200 bg-white" />}
        {canEdit && (
          <div className="flex flex-col items-end gap-1.5">
            <Button variant="primary" onClick={() => void start()} disabled={claiming} data-testid="start-review">
              Start reviewing <Kbd className="border-indigo-400 bg-indigo-500 text-white shadow-none">n</Kbd>
            </Button>
            <p className="text-xs text-zinc-500">Claims the next prompt of this queue for you.</p>
          </div>
        )}
      </div>

      <div className="flex flex-wrap items-end gap-2 rounded-lg border border-zinc-200 bg-zinc-50/60 px-3 py-2.5" role="group" aria-label="Queue order and filters">
        <label className="text-xs text-zinc-600">
          Order
          <Select aria-label="Order" value={query.order} onChange={(e) => navigate({ order: e.target.value as QueueQuery['order'] })} className="mt-0.5 h-8 text-xs">
            {QUEUE_ORDERS.map((o) => (
              <option key={o} value={o}>
                {QUEUE_ORDER_LABELS[o]}
              </option>
            ))}
          </Select>
        </label>
        {query.order === 'random' && (
          <label className="text-xs text-zinc-600">
            Seed
            <Input aria-label="Seed" type="number" min={0} value={query.seed} onChange={(e) => navigate({ seed: Number(e.target.value) || 0 })} className="mt-0.5 h-8 w-24 text-xs" />
          </label>
        )}
        <label className="text-xs text-zinc-600">
          Final status
          <Select aria-label="Final status" value={query.status} onChange={(e) => navigate({ status: e.target.value as QueueQuery['status'] })} className="mt-0.5 h-8 text-xs">
            {QUEUE_STATUS_FILTERS.map((s) => (
              <option key={s} value={s}>
                {QUEUE_STATUS_LABELS[s]}
              </option>
            ))}
          </Select>
        </label>
        <label className="text-xs text-zinc-600">
          Reviewed
          <Select aria-label="Reviewed" value={query.reviewed} onChange={(e) => navigate({ reviewed: e.target.value as QueueQuery['reviewed'] })} className="mt-0.5 h-8 text-xs">
            {REVIEWED_FILTERS.map((s) => (
              <option key={s} value={s}>
                {REVIEWED_LABELS[s]}
              </option>
            ))}
          </Select>
        </label>
        <label className="text-xs text-zinc-600">
          Score from
          <Input aria-label="Minimum score" type="number" step={0.05} min={0} max={1} placeholder="0" value={query.min ?? ''} onChange={(e) => navigate({ min: e.target.value === '' ? undefined : Number(e.target.value) })} className="mt-0.5 h-8 w-20 text-xs" />
        </label>
        <label className="text-xs text-zinc-600">
          to
          <Input aria-label="Maximum score" type="number" step={0.05} min={0} max={1} placeholder="1" value={query.max ?? ''} onChange={(e) => navigate({ max: e.target.value === '' ? undefined : Number(e.target.value) })} className="mt-0.5 h-8 w-20 text-xs" />
        </label>
        {evaluators.length > 0 && (
          <>
            <label className="text-xs text-zinc-600">
              Evaluator
              <Select aria-label="Evaluator" value={query.evaluator ?? ''} onChange={(e) => navigate({ evaluator: e.target.value ? Number(e.target.value) : undefined })} className="mt-0.5 h-8 text-xs">
                <option value="">Any evaluator</option>
                {evaluators.map((ev) => (
                  <option key={ev.id} value={ev.id}>
                    {ev.name}
                    {ev.role === 'gate' ? ' (gate)' : ''}
                  </option>
                ))}
              </Select>
            </label>
            {query.evaluator !== undefined && (
              <Select aria-label="Evaluator result" value={query.result} onChange={(e) => navigate({ result: e.target.value as 'passed' | 'failed' })} className="h-8 text-xs">
                <option value="failed">failed</option>
                <option value="passed">passed</option>
              </Select>
            )}
          </>
        )}
        <div className="relative ml-auto min-w-56 flex-1 sm:max-w-xs">
          <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 size-3.5 -translate-y-1/2 text-zinc-400" />
          <Input id="queue-search" aria-label="Search prompts" placeholder="Search prompt text   /" value={search} onChange={(e) => setSearch(e.target.value)} className="h-8 pl-8 text-xs" />
        </div>
      </div>

      {canEdit && progress.data && <BulkActions datasetId={datasetId} filter={filter} lastBulk={progress.data.lastBulk} />}

      {pages.isError ? (
        <p className="text-sm text-rose-700">{pages.error.message}</p>
      ) : items.length === 0 && !pages.isPending ? (
        <EmptyState icon={<InboxIcon className="size-9" />} title="No prompts in this queue">
          Change the filter, or show reviewed prompts too.
        </EmptyState>
      ) : (
        <Table aria-label="Review queue" className={cn(pages.isPlaceholderData && 'opacity-60')}>
          <THead>
            <tr>
              <Th>Prompt</Th>
              <Th>Uncertainty</Th>
              <Th align="right">Best</Th>
              <Th>Flags</Th>
              <Th>Candidates</Th>
              <Th>Review</Th>
            </tr>
          </THead>
          <TBody>
            {items.map((it, i) => (
              <tr key={it.id} className={cn('hover:bg-zinc-50', i === selected && 'bg-indigo-50/60')} data-testid="queue-row">
                <Td className="max-w-[36rem]">
                  <Link href={reviewHref.board(datasetId, it.id, query)} className="group block focus-visible:outline-2 focus-visible:outline-indigo-500">
                    <span className="font-mono text-xs font-medium text-indigo-700 group-hover:underline">{it.externalId}</span>
                    <span className="mt-0.5 line-clamp-1 text-[13px] text-zinc-700">{it.excerpt}</span>
                  </Link>
                </Td>
                <Td>
                  <UncertaintyBar value={it.uncertainty} />
                </Td>
                <Td align="right">{formatScore(it.topScore)}</Td>
                <Td>
                  <span className="flex flex-wrap gap-1">
                    {it.flags
                      .filter((f) => FLAG_LABELS[f])
                      .map((f) => (
                        <span key={f} className="rounded bg-amber-50 px-1.5 py-0.5 text-[11px] text-amber-800 ring-1 ring-amber-600/20 ring-inset">
                          {FLAG_LABELS[f]}
                        </span>
                      ))}
                  </span>
                </Td>
                <Td className="text-xs whitespace-nowrap text-zinc-600">
                  {formatNumber(it.candidateCount)}
                  <span className="ml-2 text-emerald-700" title="approved + auto-accepted">
                    ✓{it.counts.approved + it.counts.accepted}
                  </span>
                  <span className="ml-1.5 text-rose-700" title="rejected">✗{it.counts.rejected}</span>
                  {it.counts.pending > 0 && <span className="ml-1.5 text-amber-700" title="pending">…{it.counts.pending}</span>}
                </Td>
                <Td className="text-xs whitespace-nowrap">
                  {it.reviewedAt ? <span className="text-emerald-700">reviewed</span> : it.claimedBy ? <span className="text-amber-700">{it.claimedBy} is on it</span> : <span className="text-zinc-400">open</span>}
                </Td>
              </tr>
            ))}
          </TBody>
        </Table>
      )}
      {pages.hasNextPage && (
        <div className="flex justify-center">
          <Button variant="secondary" size="sm" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
            {pages.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </Button>
        </div>
      )}
      <p className="text-xs text-zinc-500">
        <Kbd>n</Kbd> start reviewing · <Kbd>j</Kbd>/<Kbd>k</Kbd> move · <Kbd>Enter</Kbd> open · <Kbd>/</Kbd> search · {formatNumber(items.length)} shown
      </p>
    </div>
  );
}
