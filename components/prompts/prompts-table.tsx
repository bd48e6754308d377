import Link from 'next/link';
import type { ReactNode } from 'react';
import type { PromptListItem } from '@/lib/prompts/list-prompts';
import { cn } from '../ui/cn';
import { formatNumber, formatScore } from '../ui/format';
import { PromptStatusBadge } from './status-badges';

/** One page of prompts as a table; `children` go under it (error, empty state). Presentational. */
export function PromptsTable({
  items,
  selected,
  dimmed,
  pending,
  hrefFor,
  onOpen,
  onLinkClick,
  onRowFocus,
  linkRef,
  children,
}: {
  items: PromptListItem[];
  selected: number;
  dimmed: boolean;
  pending: boolean;
  hrefFor: (promptId: number) => string;
  onOpen: (promptId: number) => void;
  onLinkClick: (promptId: number) => void;
  onRowFocus: (index: number) => void;
  linkRef: (index: number, el: HTMLAnchorElement | null) => void;
  children?: ReactNode;
}) {
  return (
        <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white shadow-xs">
          <table className={cn('w-full table-fixed border-collapse text-left text-sm', dimmed && 'opacity-60 transition-opacity')}>
            <caption className="sr-only">Prompts of this dataset. Use j and k to move, Enter to open.</caption>
            <colgroup>
              <col className="w-36 xl:w-44" />
              <col />
              <col className="w-24 xl:w-28" />
              <col className="w-24" />
              <col className="w-20 xl:w-24" />
              <col className="w-32 xl:w-36" />
            </colgroup>
            <thead className="border-b border-zinc-200 bg-zinc-50/80 text-xs text-zinc-500">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">ID</th>
                <th scope="col" className="px-3 py-2 font-medium">Prompt</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Candidates</th>
                <th scope="col" className="px-3 py-2 text-right font-medium" title="Highest aggregate score among the candidates">Best score</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">Accepted</th>
                <th scope="col" className="px-3 py-2 font-medium">Status</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {items.map((p, i) => (
                <tr
                  key={p.id}
                  data-selected={i === selected || undefined}
                  onClick={(e) => {
                    if ((e.target as HTMLElement).closest('a')) return;
                    onOpen(p.id);
                  }}
                  className="cursor-pointer hover:bg-zinc-50 data-selected:bg-indigo-50/70 data-selected:shadow-[inset_2px_0_0_0] data-selected:shadow-indigo-500"
                >
                  <td className="truncate px-3 py-2 font-mono text-xs text-zinc-600">
                    <Link
                      ref={(el) => linkRef(i, el)}
                      href={hrefFor(p.id)}
                      // 50 rows: no prefetch storm on every page; the prompt page has its own skeleton.
                      prefetch={false}
                      onClick={() => onLinkClick(p.id)}
                      onFocus={() => onRowFocus(i)}
                      title={p.externalId}
                      className="rounded-sm hover:text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-500"
                    >
                      {p.externalId}
                    </Link>
                  </td>
                  <td className="truncate px-3 py-2 text-zinc-800" title={p.excerpt}>
                    {p.excerpt || <span className="text-zinc-400 italic">empty prompt</span>}
                  </td>
                  <td className="px-3 py-2 text-right text-zinc-700 tabular-nums">{p.candidateCount ? formatNumber(p.candidateCount) : <span className="text-zinc-400">0</span>}</td>
                  <td className="px-3 py-2 text-right text-zinc-700 tabular-nums">{formatScore(p.bestScore)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {p.acceptedCount ? <span className="font-medium text-emerald-700">{formatNumber(p.acceptedCount)}</span> : <span className="text-zinc-400">0</span>}
                  </td>
                  <td className="px-3 py-2">
                    <PromptStatusBadge status={p.status} />
                  </td>
                </tr>
              ))}
              {pending &&
                Array.from({ length: 8 }, (_, i) => (
                  <tr key={`s${i}`}>
                    <td colSpan={6} className="px-3 py-2.5">
                      <div className="h-4 animate-pulse rounded bg-zinc-100" />
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
      {children}
    </div>
  );
}
