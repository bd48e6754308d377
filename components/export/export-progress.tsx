'use client';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { ExportRun } from '@/lib/export/progress-registry';
import { fetchJson } from '../prompts/fetch-json';
import { formatBytes, formatNumber } from '../ui/format';
import { Progress } from '../ui/progress';

/**
 * The bar of a running export (prompts done / total, rows, bytes), polled from the server while the
 * browser receives the download; calls `onEnd` once when the version is recorded or the export failed.
 */
export function ExportProgress({ token, startedAt, onEnd }: { token: string; startedAt: number; onEnd: (run: ExportRun) => void }) {
  const ended = useRef(false);
  const run = useQuery({
    queryKey: ['exports', 'progress', token],
    queryFn: ({ signal }) => fetchJson<ExportRun>(`/api/exports/progress?token=${token}`, signal),
    // The POST that starts the export may arrive after the first poll: retry "not found" a while.
    retry: (n) => n < 20 && Date.now() - startedAt < 30_000,
    retryDelay: 300,
    refetchInterval: (q) => (q.state.data && q.state.data.state !== 'running' ? false : 400),
  });
  const data = run.data;
  useEffect(() => {
    if (data && data.state !== 'running' && !ended.current) {
      ended.current = true;
      onEnd(data);
    }
  }, [data, onEnd]);

  const p = data?.progress;
  const total = p?.totalPrompts ?? 0;
  const done = data?.state === 'done';
  const failed = data?.state === 'failed' || run.isError;
  return (
    <div className="space-y-1.5" data-testid="export-progress" aria-live="polite">
      <Progress value={done ? 1 : total ? (p?.prompts ?? 0) / total : null} max={1} label="Export progress" tone={failed ? 'amber' : done ? 'emerald' : 'indigo'} />
      <p className="flex flex-wrap justify-between gap-x-4 text-xs text-zinc-600 tabular-nums">
        <span>
          {failed
            ? data?.state === 'failed'
              ? data.message
              : run.error?.message
            : done
              ? `Version ${data.version} recorded · sha256 ${data.sha256.slice(0, 12)}…`
              : total
                ? `${formatNumber(p!.prompts)} / ${formatNumber(total)} prompts`
                : 'Starting…'}
        </span>
        {p && (
          <span>
            {formatNumber(p.rows)} rows · {formatBytes(p.bytes)}
          </span>
        )}
      </p>
    </div>
  );
}
