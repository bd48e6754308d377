'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useTransition } from 'react';
import { runQueryKeys } from '@/lib/generation/query-keys';
import { isFinished, type RunProgressDto } from '@/lib/generation/run-dto';
import { fetchJson } from '../prompts/fetch-json';
import { Button } from '../ui/button';
import { Card, CardBody, CardHeader } from '../ui/card';
import { cn } from '../ui/cn';
import { formatNumber } from '../ui/format';
import { Progress } from '../ui/progress';
import { Table, TBody, Td, Th, THead } from '../ui/table';
import { canCancel, canResume, canRetryFailed, elapsedSeconds, formatCompact, formatCost, formatEta, percentDone } from './run-format';
import { RunStatusBadge } from './run-status-badge';
import type { RunAction, RunControlActions } from './run-types';

function Stat({ label, value, sub, testId }: { label: string; value: string; sub?: string; testId?: string }) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white px-3.5 py-2.5 shadow-xs">
      <dt className="text-xs font-medium text-zinc-500">{label}</dt>
      <dd className="mt-0.5 flex items-baseline gap-1.5">
        <span className="text-lg font-semibold text-zinc-900 tabular-nums" data-testid={testId}>
          {value}
        </span>
        {sub && <span className="text-xs text-zinc-400">{sub}</span>}
      </dd>
    </div>
  );
}

/**
 * Live progress of one run: polls GET /api/runs/:id every second while it is queued or running
 * (hydrated from the server's prefetch, so the first paint has data). Controls only for curators.
 */
export function RunProgressView({ runId, actions }: { runId: number; actions: RunControlActions | null }) {
  const queryClient = useQueryClient();
  const { data: run, error } = useQuery({
    queryKey: runQueryKeys.progress(runId),
    queryFn: ({ signal }) => fetchJson<RunProgressDto>(`/api/runs/${runId}`, signal),
    refetchInterval: (q) => (q.state.data && isFinished(q.state.data.status) ? false : 1000),
    staleTime: 0,
  });
  // The elapsed clock ticks between polls too.
  const [now, setNow] = useState(() => Date.now());
  const running = run ? !isFinished(run.status) : false;
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [running]);

  const [pending, startTransition] = useTransition();
  const [notice, setNotice] = useState<string | null>(null);
  function act(action: RunAction) {
    setNotice(null);
    startTransition(async () => {
      const r = await action({ runId });
      if (r.ok) {
        queryClient.setQueryData(runQueryKeys.progress(runId), r.data);
        void queryClient.invalidateQueries({ queryKey: runQueryKeys.list(r.data.datasetId) });
      } else setNotice(r.message);
    });
  }

  if (!run) return <p className="text-sm text-rose-700">{error ? `Could not load the run: ${error.message}` : 'Loading …'}</p>;

  const pct = percentDone(run);
  const settled = run.donePrompts + run.failedPrompts;
  const elapsed = elapsedSeconds(run, now);
  const tokens = run.promptTokens + run.completionTokens;
  const errorRows = run.errors.filter((e) => e.retries || e.failures);

  return (
    <div className="space-y-5">
      {notice && (
        <p role="alert" className="rounded-md bg-rose-50 px-4 py-3 text-sm text-rose-800">
          {notice}
        </p>
      )}
      <Card>
        <CardHeader
          title={
            <span className="flex items-center gap-2">
              Progress <RunStatusBadge status={run.status} />
            </span>
          }
          actions={
            actions && (
              <>
                {canCancel(run.status) && (
                  <Button size="sm" variant="secondary" disabled={pending} onClick={() => act(actions.cancel)}>
                    Cancel
                  </Button>
                )}
                {canResume(run) && (
                  <Button size="sm" variant="primary" disabled={pending} onClick={() => act(actions.resume)}>
                    Resume
                  </Button>
                )}
                {canRetryFailed(run) && (
                  <Button size="sm" variant="secondary" disabled={pending} onClick={() => act(actions.retryFailed)}>
                    Retry failed
                  </Button>
                )}
              </>
            )
          }
        />
        <CardBody className="space-y-3">
          <div className="flex items-baseline justify-between gap-4 text-sm">
            <span className="text-zinc-700">
              <span className="font-semibold text-zinc-900 tabular-nums" data-testid="run-prompts-done">
                {formatNumber(settled)} / {formatNumber(run.totalPrompts)}
              </span>{' '}
              prompts
              {run.failedPrompts > 0 && <span className="text-rose-700"> ({formatNumber(run.failedPrompts)} failed)</span>}
              <span className="text-zinc-400"> · </span>
              <span className="tabular-nums">
                {formatNumber(run.candidates)} / {formatNumber(run.expectedCandidates)}
              </span>{' '}
              candidates
            </span>
            <span className="text-2xl font-semibold text-zinc-900 tabular-nums" data-testid="run-percent">
              {pct}%
            </span>
          </div>
          <Progress
            value={settled}
            max={Math.max(1, run.totalPrompts)}
            label="Prompts done"
            tone={run.status === 'completed' && !run.failedPrompts ? 'emerald' : run.status === 'failed' || run.failedPrompts ? 'amber' : 'indigo'}
          />
          {run.status === 'queued' && <p className="text-xs text-zinc-500">Waiting for a worker to pick up the jobs …</p>}
          {run.error && (
            <p role="status" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
              {run.error}
            </p>
          )}
        </CardBody>
      </Card>

      <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        <Stat label="Candidates / s" value={run.candidatesPerSecond.toFixed(1)} testId="run-rate" />
        <Stat label="ETA" value={running ? formatEta(run.etaSeconds) : '—'} />
        <Stat label="Elapsed" value={formatEta(elapsed)} />
        <Stat label="Tokens" value={formatCompact(tokens)} sub={`${formatCompact(run.promptTokens)} in · ${formatCompact(run.completionTokens)} out`} />
        <Stat label="Cost" value={formatCost(run.costUsd)} />
        <Stat label="Pending prompts" value={formatNumber(run.pendingPrompts)} />
      </dl>

      <section aria-labelledby="run-errors" className="space-y-2">
        <h2 id="run-errors" className="text-sm font-semibold text-zinc-900">
          Errors
        </h2>
        {errorRows.length === 0 ? (
          <p className="text-sm text-zinc-500">No errors so far.</p>
        ) : (
          <Table aria-label="Errors by kind">
            <THead>
              <tr>
                <Th>Kind</Th>
                <Th align="right">Retried</Th>
                <Th align="right">Failed for good</Th>
                <Th>Last message</Th>
              </tr>
            </THead>
            <TBody>
              {errorRows.map((e) => (
                <tr key={e.kind}>
                  <Td className="font-mono text-xs">{e.kind}</Td>
                  <Td align="right">{formatNumber(e.retries)}</Td>
                  <Td align="right" className={cn(e.failures > 0 && 'font-medium text-rose-700')}>
                    {formatNumber(e.failures)}
                  </Td>
                  <Td className="max-w-xl text-xs break-words text-zinc-600">{e.lastMessage ?? '—'}</Td>
                </tr>
              ))}
            </TBody>
          </Table>
        )}
      </section>

      {run.batches.length > 0 && (
        <section aria-labelledby="run-batches" className="space-y-2">
          <h2 id="run-batches" className="text-sm font-semibold text-zinc-900">
            Provider batches
          </h2>
          <Table aria-label="Provider batches">
            <THead>
              <tr>
                <Th>Batch</Th>
                <Th>Status</Th>
                <Th align="right">Completed / requests</Th>
                <Th align="right">Failed</Th>
                <Th>Ingested</Th>
              </tr>
            </THead>
            <TBody>
              {run.batches.map((b, i) => (
                <tr key={b.batchId ?? `pending-${i}`}>
                  <Td className="font-mono text-xs">{b.batchId ?? 'not submitted yet'}</Td>
                  <Td>{b.status}</Td>
                  <Td align="right">
                    {formatNumber(b.completedCount)} / {formatNumber(b.requestCount)}
                  </Td>
                  <Td align="right">{formatNumber(b.failedCount)}</Td>
                  <Td>{b.ingested ? 'yes' : 'no'}</Td>
                </tr>
              ))}
            </TBody>
          </Table>
        </section>
      )}
    </div>
  );
}
