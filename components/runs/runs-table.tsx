'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { runQueryKeys } from '@/lib/generation/query-keys';
import { isFinished, type RunSummaryDto } from '@/lib/generation/run-dto';
import { fetchJson } from '../prompts/fetch-json';
import { formatNumber } from '../ui/format';
import { Progress } from '../ui/progress';
import { RelativeTime } from '../ui/relative-time';
import { Table, TBody, Td, Th, THead } from '../ui/table';
import { describeParams, formatCost, percentDone } from './run-format';
import { RunStatusBadge } from './run-status-badge';

/** The dataset's runs, newest first; polls every 2 s while one of them is queued or running. */
export function RunsTable({ datasetId }: { datasetId: number }) {
  const { data: runs = [] } = useQuery({
    queryKey: runQueryKeys.list(datasetId),
    queryFn: ({ signal }) => fetchJson<RunSummaryDto[]>(`/api/runs?datasetId=${datasetId}`, signal),
    refetchInterval: (q) => (q.state.data?.some((r) => !isFinished(r.status)) ? 2000 : false),
  });

  return (
    <Table aria-label="Generation runs">
      <THead>
        <tr>
          <Th>Run</Th>
          <Th>Status</Th>
          <Th>Endpoint</Th>
          <Th>Parameters</Th>
          <Th className="w-48">Progress</Th>
          <Th align="right">Candidates</Th>
          <Th align="right">Cost</Th>
          <Th>Started</Th>
        </tr>
      </THead>
      <TBody>
        {runs.map((r) => {
          const pct = percentDone(r);
          return (
            <tr key={r.id} className="hover:bg-zinc-50/80">
              <Td>
                <Link href={`/datasets/${datasetId}/runs/${r.id}`} className="font-medium text-indigo-700 hover:underline">
                  Run #{r.id}
                </Link>
              </Td>
              <Td>
                <RunStatusBadge status={r.status} />
              </Td>
              <Td>
                <div className="text-zinc-900">{r.endpointName ?? <span className="text-zinc-400">deleted</span>}</div>
                {r.model && <div className="font-mono text-xs text-zinc-500">{r.model}</div>}
              </Td>
              <Td className="text-xs text-zinc-600">{describeParams(r.params).map(([k, v]) => `${k} ${v}`).join(' · ')}</Td>
              <Td>
                <div className="flex items-center gap-2">
                  <Progress value={pct} label={`Run ${r.id} progress`} size="sm" tone={r.status === 'completed' ? 'emerald' : r.status === 'failed' ? 'amber' : 'indigo'} />
                  <span className="w-9 text-right text-xs text-zinc-600 tabular-nums">{pct}%</span>
                </div>
              </Td>
              <Td align="right">
                {formatNumber(r.candidates)}
                <span className="text-zinc-400"> / {formatNumber(r.totalPrompts * r.params.n)}</span>
              </Td>
              <Td align="right">{formatCost(r.costUsd)}</Td>
              <Td className="text-xs text-zinc-500">
                <RelativeTime date={r.startedAt ?? r.createdAt} />
              </Td>
            </tr>
          );
        })}
      </TBody>
    </Table>
  );
}
