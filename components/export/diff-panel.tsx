'use client';
import { useQuery } from '@tanstack/react-query';
import type { ExportDiff } from '@/lib/export/list-exports';
import { fetchJson } from '../prompts/fetch-json';
import { Card, CardBody, CardHeader } from '../ui/card';
import { formatNumber } from '../ui/format';

const KINDS = [
  ['added', 'Added', 'text-emerald-700'],
  ['removed', 'Removed', 'text-rose-700'],
  ['changed', 'Changed', 'text-amber-700'],
] as const;

export function DiffPanel({ a, b }: { a: number; b: number }) {
  const diff = useQuery({ queryKey: ['exports', 'diff', a, b], queryFn: ({ signal }) => fetchJson<ExportDiff>(`/api/exports/diff?a=${a}&b=${b}`, signal) });
  return (
    <Card aria-label="Version diff" data-testid="export-diff">
      <CardHeader title={`v${a} → v${b}`} />
      <CardBody>
        {diff.isError ? (
          <p className="text-sm text-rose-600">{diff.error.message}</p>
        ) : !diff.data ? (
          <p className="text-sm text-zinc-400">Comparing…</p>
        ) : (
          <div className="space-y-3">
            <p className="text-sm text-zinc-700">
              {KINDS.map(([k, label, tone]) => (
                <span key={k} className="mr-4">
                  <strong className={`${tone} tabular-nums`}>{formatNumber(diff.data[k])}</strong> {label.toLowerCase()}
                </span>
              ))}
              <span className="text-zinc-500">{formatNumber(diff.data.unchanged)} unchanged (examples by prompt id)</span>
            </p>
            <div className="grid gap-3 sm:grid-cols-3">
              {KINDS.map(([k, label]) => (
                <div key={k}>
                  <h3 className="text-xs font-medium text-zinc-500">{label}</h3>
                  {diff.data.samples[k].length === 0 ? (
                    <p className="text-xs text-zinc-400">none</p>
                  ) : (
                    <ul className="mt-1 max-h-48 overflow-auto font-mono text-xs text-zinc-700">
                      {diff.data.samples[k].map((id) => (
                        <li key={id} className="truncate">
                          {id}
                        </li>
                      ))}
                      {diff.data[k] > diff.data.samples[k].length && <li className="text-zinc-400">… {formatNumber(diff.data[k] - diff.data.samples[k].length)} more</li>}
                    </ul>
                  )}
                </div>
              ))}
            </div>
          </div>
        )}
      </CardBody>
    </Card>
  );
}
