'use client';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PromptCount, PromptListPage } from '@/lib/prompts/list-prompts';
import { promptQueryKeys } from '@/lib/prompts/query-keys';
import { promptHref } from '@/lib/prompts/urls';
import {
  PROMPT_STATUS_FILTER_LABELS,
  PROMPT_STATUS_FILTERS,
  parsePromptListQuery,
  promptListSearchParams,
  type PromptListQuery,
  type PromptStatusFilter,
} from '@/lib/prompts/schemas';
import { Button } from '../ui/button';
import { formatNumber } from '../ui/format';
import { ChevronLeftIcon, ChevronRightIcon, SearchIcon } from '../ui/icons';
import { Kbd } from '../ui/kbd';
import { Progress } from '../ui/progress';
import { Select } from '../ui/input';
import { fetchJson } from './fetch-json';
import { PromptsTable } from './prompts-table';

const lastOpenedKey = (datasetId: number) => `winnow:last-prompt:${datasetId}`;

export function PromptsBrowser({ datasetId }: { datasetId: number }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const query = useMemo(() => parsePromptListQuery(new URLSearchParams(searchParams.toString())), [searchParams]);

  const [search, setSearch] = useState(query.q);
  const searchRef = useRef<HTMLInputElement>(null);
  const rowLinks = useRef<(HTMLAnchorElement | null)[]>([]);
  const [selected, setSelected] = useState(-1);
  const pendingSelect = useRef<'first' | 'last' | null>(null);

  const navigate = useCallback(
    (next: Partial<PromptListQuery>, mode: 'push' | 'replace' = 'push') => {
      const params = promptListSearchParams({ ...next, limit: query.limit }).toString();
      const url = params ? `${pathname}?${params}` : pathname;
      window.history[mode === 'push' ? 'pushState' : 'replaceState'](null, '', url);
    },
    [pathname, query.limit],
  );

  // Keep the box in step when the URL changes underneath (back/forward), unless the user is typing.
  useEffect(() => {
    if (document.activeElement !== searchRef.current) setSearch(query.q);
  }, [query.q]);

  // Debounced search: typing replaces the URL (no history entry per keystroke) and goes to page 1.
  useEffect(() => {
    const q = search.trim();
    if (q === query.q) return;
    const t = setTimeout(() => navigate({ q, status: query.status }, 'replace'), 250);
    return () => clearTimeout(t);
  }, [search, query.q, query.status, navigate]);

  const page = useQuery({
    queryKey: promptQueryKeys.page(datasetId, query),
    queryFn: ({ signal }) => fetchJson<PromptListPage>(`/api/datasets/${datasetId}/prompts?${promptListSearchParams(query)}`, signal),
    placeholderData: keepPreviousData,
  });
  const count = useQuery({
    queryKey: promptQueryKeys.count(datasetId, query),
    queryFn: ({ signal }) =>
      fetchJson<PromptCount>(`/api/datasets/${datasetId}/prompts/count?${promptListSearchParams({ q: query.q, status: query.status })}`, signal),
    placeholderData: keepPreviousData,
  });

  // Warm the next page so "Next" / `j` past the last row feels instant.
  const queryClient = useQueryClient();
  const nextCursor = page.isPlaceholderData ? null : page.data?.nextCursor;
  useEffect(() => {
    if (!nextCursor) return;
    const next = { ...query, after: nextCursor, before: undefined };
    void queryClient.prefetchQuery({
      queryKey: promptQueryKeys.page(datasetId, next),
      queryFn: ({ signal }) => fetchJson<PromptListPage>(`/api/datasets/${datasetId}/prompts?${promptListSearchParams(next)}`, signal),
    });
  }, [nextCursor, query, datasetId, queryClient]);

  const items = useMemo(() => page.data?.items ?? [], [page.data]);
  const filtered = query.q !== '' || query.status !== 'any';

  // After a page arrives: select what the keyboard asked for, or the prompt last opened from here.
  useEffect(() => {
    if (page.isPlaceholderData) return;
    if (pendingSelect.current) {
      const idx = pendingSelect.current === 'first' ? 0 : items.length - 1;
      pendingSelect.current = null;
      setSelected(idx);
      rowLinks.current[idx]?.focus();
      return;
    }
    const last = Number(sessionStorage.getItem(lastOpenedKey(datasetId)));
    const idx = last ? items.findIndex((p) => p.id === last) : -1;
    setSelected(idx);
    if (idx >= 0) rowLinks.current[idx]?.scrollIntoView({ block: 'nearest' });
  }, [items, page.isPlaceholderData, datasetId]);

  const open = useCallback(
    (promptId: number) => {
      sessionStorage.setItem(lastOpenedKey(datasetId), String(promptId));
      router.push(promptHref(datasetId, promptId, query));
    },
    [router, datasetId, query],
  );

  const goNext = useCallback(() => {
    if (page.data?.nextCursor) navigate({ q: query.q, status: query.status, after: page.data.nextCursor });
  }, [page.data, navigate, query.q, query.status]);
  const goPrev = useCallback(() => {
    if (page.data?.prevCursor) navigate({ q: query.q, status: query.status, before: page.data.prevCursor });
  }, [page.data, navigate, query.q, query.status]);

  const select = useCallback((idx: number) => {
    setSelected(idx);
    const link = rowLinks.current[idx];
    link?.focus({ preventScroll: true });
    link?.closest('tr')?.scrollIntoView({ block: 'nearest' });
  }, []);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"], [role="dialog"]')) {
        if (target === searchRef.current && (e.key === 'Escape' || e.key === 'ArrowDown')) {
          e.preventDefault();
          searchRef.current.blur();
          if (e.key === 'ArrowDown' && items.length) select(0);
        }
        return;
      }
      if (e.key === '/') {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if (e.key === 'j') {
        e.preventDefault();
        if (selected >= items.length - 1 && page.data?.nextCursor) {
          pendingSelect.current = 'first';
          goNext();
        } else if (items.length) select(Math.min(selected + 1, items.length - 1));
      } else if (e.key === 'k') {
        e.preventDefault();
        if (selected <= 0 && page.data?.prevCursor) {
          pendingSelect.current = 'last';
          goPrev();
        } else if (items.length) select(Math.max(selected - 1, 0));
      } else if (e.key === 'Enter' && selected >= 0 && items[selected] && !target?.closest('a, button')) {
        e.preventDefault();
        open(items[selected].id);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items, selected, select, open, goNext, goPrev, page.data]);

  const n = count.data?.count ?? null;
  const countText =
    n === null
      ? ''
      : `${formatNumber(n)}${count.data?.capped ? '+' : ''} ${filtered ? (n === 1 && !count.data?.capped ? 'match' : 'matches') : n === 1 ? 'prompt' : 'prompts'}`;

  return (
    <section aria-label="Prompts" className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <div className="relative w-full max-w-md min-w-64 flex-1">
          <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-zinc-400" />
          <input
            ref={searchRef}
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Search prompt text…"
            aria-label="Search prompts"
            aria-keyshortcuts="/"
            maxLength={200}
            className="block h-9 w-full rounded-md border-0 bg-white pr-9 pl-8 text-sm text-zinc-900 shadow-xs ring-1 ring-zinc-300 ring-inset placeholder:text-zinc-400 focus:ring-2 focus:ring-indigo-500 focus:outline-none"
          />
          {!search && <Kbd className="pointer-events-none absolute top-1/2 right-2 -translate-y-1/2">/</Kbd>}
        </div>
        <Select
          aria-label="Filter by status"
          value={query.status}
          onChange={(e) => navigate({ q: query.q, status: e.target.value as PromptStatusFilter })}
          className="min-w-52"
        >
          {PROMPT_STATUS_FILTERS.map((s) => (
            <option key={s} value={s}>
              {PROMPT_STATUS_FILTER_LABELS[s]}
            </option>
          ))}
        </Select>
        <p className="text-sm text-zinc-500 tabular-nums" aria-live="polite">
          {countText}
        </p>
      </div>

      <div className="relative">
        {page.isFetching && page.isPlaceholderData && <Progress value={null} label="Loading prompts" size="sm" className="absolute inset-x-0 -top-1.5 z-10 h-0.5" />}
        <PromptsTable
          items={items}
          selected={selected}
          dimmed={page.isPlaceholderData}
          pending={page.isPending}
          hrefFor={(id) => promptHref(datasetId, id, query)}
          onOpen={open}
          onLinkClick={(id) => sessionStorage.setItem(lastOpenedKey(datasetId), String(id))}
          onRowFocus={setSelected}
          linkRef={(i, el) => {
            rowLinks.current[i] = el;
          }}
        >
          {page.isError && (
            <div role="alert" className="flex items-center justify-between gap-3 border-t border-rose-100 bg-rose-50 px-4 py-3 text-sm text-rose-800">
              <span>Could not load prompts: {page.error.message}</span>
              <Button size="sm" onClick={() => page.refetch()}>
                Retry
              </Button>
            </div>
          )}
          {!page.isPending && !page.isError && items.length === 0 && (
            <div className="px-6 py-12 text-center">
              <p className="font-medium text-zinc-900">{filtered ? 'No prompts match' : 'No prompts on this page'}</p>
              <p className="mt-1 text-sm text-zinc-500">
                {query.q ? (
                  <>
                    Nothing contains “<span className="font-medium text-zinc-700">{query.q}</span>”
                    {query.status !== 'any' ? ` with status “${PROMPT_STATUS_FILTER_LABELS[query.status].toLowerCase()}”` : ''}.
                  </>
                ) : filtered ? (
                  `No prompt has status “${PROMPT_STATUS_FILTER_LABELS[query.status].toLowerCase()}”.`
                ) : (
                  'This page is past the end of the list.'
                )}
              </p>
              <Button
                size="sm"
                className="mt-4"
                onClick={() => {
                  setSearch('');
                  navigate({});
                }}
              >
                {filtered ? 'Clear search and filters' : 'Back to the first page'}
              </Button>
            </div>
          )}
        </PromptsTable>
      </div>

      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="flex items-center gap-1.5 text-xs text-zinc-500">
          <Kbd>/</Kbd> search <span className="mx-1 text-zinc-300">·</span>
          <Kbd>j</Kbd>
          <Kbd>k</Kbd> move <span className="mx-1 text-zinc-300">·</span>
          <Kbd>↵</Kbd> open
        </p>
        <nav aria-label="Pagination" className="flex items-center gap-2">
          <Button size="sm" onClick={goPrev} disabled={!page.data?.prevCursor} aria-label="Previous page">
            <ChevronLeftIcon className="size-3.5" /> Previous
          </Button>
          <Button size="sm" onClick={goNext} disabled={!page.data?.nextCursor} aria-label="Next page">
            Next <ChevronRightIcon className="size-3.5" />
          </Button>
        </nav>
      </div>
    </section>
  );
}
