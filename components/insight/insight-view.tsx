'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import type { DatasetStats } from '@/lib/insight/get-dataset-stats';
import { insightQueryKeys } from '@/lib/insight/query-keys';
import { fetchJson } from '../prompts/fetch-json';
import { Button } from '../ui/button';
import { Card, CardBody, CardHeader } from '../ui/card';
import { EmptyState } from '../ui/empty-state';
import { formatNumber } from '../ui/format';
import { AgreementCard } from './agreement-card';
import { HistogramChart, ReliabilityChart, YieldChart } from './charts';
import { CostTable } from './cost-table';
import { dec, pct, STATUS_COLORS } from './format';
import { ThresholdCard } from './threshold-card';

function statsUrl(datasetId: number, targetPrecision: number | null, fresh = false) {
  const q = new URLSearchParams();
  if (targetPrecision !== null) q.set('targetPrecision', String(targetPrecision));
  if (fresh) q.set('fresh', '1');
  const qs = q.toString();
  return `/api/insight/${datasetId}${qs ? `?${qs}` : ''}`;
}

export function InsightView({ datasetId, canApply, initialTarget }: { datasetId: number; canApply: boolean; initialTarget: number | null }) {
  const [targetPrecision, setTargetPrecision] = useState<number | null>(initialTarget);
  const [refreshing, setRefreshing] = useState(false);
  const queryClient = useQueryClient();
  async function refresh() {
    setRefreshing(true);
    try {
      queryClient.setQueryData(insightQueryKeys.stats(datasetId, targetPrecision), await fetchJson<DatasetStats>(statsUrl(datasetId, targetPrecision, true)));
    } finally {
      setRefreshing(false);
    }
  }
  const { data, error, isFetching, dataUpdatedAt } = useQuery({
    queryKey: insightQueryKeys.stats(datasetId, targetPrecision),
    queryFn: ({ signal }) => fetchJson<DatasetStats>(statsUrl(datasetId, targetPrecision), signal),
    placeholderData: (prev) => prev,
    // While verdicts are being re-derived the figures move: follow them until it is over.
    refetchInterval: (q) => (q.state.data?.rederiving ? 1000 : false),
  });
  const s = data;
  // When a re-derivation ends, the server-rendered parts (the dataset header's counts) are stale too.
  // Apply marks one as started (it may end before a fetch ever sees it running).
  const router = useRouter();
  const wasRederiving = useRef(false);
  const rederiving = data?.rederiving ?? false;
  useEffect(() => {
    if (rederiving) wasRederiving.current = true;
    else if (wasRederiving.current) {
      wasRederiving.current = false;
      router.refresh();
    }
  }, [rederiving, dataUpdatedAt, router]);
  if (error && !s) return <p className="text-sm text-rose-700">Could not load the figures: {error.message}</p>;
  if (!s) return <p className="text-sm text-zinc-500">Loading…</p>;
  if (s.counts.candidates === 0) {
    return (
      <EmptyState title="No candidates yet">
        Insight measures the judge against curators and the yield of each sample once the dataset has candidates: generate some on the Runs tab, or import them.
      </EmptyState>
    );
  }
  const reviewHref = `/datasets/${datasetId}/review`;
  const yieldSeries = [{ label: 'all runs', points: s.yieldByN.overall }, ...(s.yieldByN.runs.length > 1 ? s.yieldByN.runs.map((r) => ({ label: r.label, points: r.points })) : [])];
  const last = s.yieldByN.overall.at(-1);
  const first = s.yieldByN.overall[0];
  const scored = s.histograms.evaluators.filter((h) => h.total > 0);
  const c = s.consistency;

  return (
    <div className={isFetching ? 'space-y-5 opacity-80 transition-opacity' : 'space-y-5'} data-testid="insight">
      {s.policyError && <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">{s.policyError}</p>}
      {s.rederiving && (
        <p aria-live="polite" data-testid="rederiving" className="rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-800">
          Verdicts are being re-derived under the current policy: these figures are mid-change and update when it finishes.
        </p>
      )}
      <div className="grid gap-5 xl:grid-cols-2">
        <AgreementCard a={s.agreement} pendingReviewed={s.counts.pendingReviewed} reviewHref={reviewHref} perEvaluator={s.perEvaluator} />
        <ThresholdCard
          datasetId={datasetId}
          onApplied={() => (wasRederiving.current = true)}
          current={s.policy?.threshold ?? 0.5}
          suggestion={s.threshold}
          canApply={canApply && s.policy !== null}
          targetPrecision={targetPrecision}
          onTargetPrecision={setTargetPrecision}
        />
      </div>

      <div className="grid gap-5 xl:grid-cols-2">
        <Card aria-labelledby="yield-heading">
          <CardHeader id="yield-heading" title="Yield by N" actions={<span className="text-xs text-zinc-500">prompts with ≥ 1 candidate passing gates and threshold among the first k</span>} />
          <CardBody>
            {s.yieldByN.overall.length === 0 ? (
              <p className="py-6 text-center text-sm text-zinc-500">No samples yet.</p>
            ) : (
              <>
                <p className="mb-2 text-sm text-zinc-700">
                  {pct(first?.share)} of prompts with 1 sample, {pct(last?.share)} with {last?.k}.{' '}
                  {last && first && last.k > 1 && <span className="text-zinc-500">The last sample added {pct(last.share - (s.yieldByN.overall.at(-2)?.share ?? 0))}.</span>}
                </p>
                <YieldChart series={yieldSeries} />
              </>
            )}
          </CardBody>
        </Card>
        <Card aria-labelledby="reliability-heading">
          <CardHeader id="reliability-heading" title="Reliability" actions={<span className="text-xs text-zinc-500">share approved by curators, per aggregate-score decile</span>} />
          <CardBody>
            {s.reliability.aggregate.every((p) => p.total === 0) ? (
              <p className="py-6 text-center text-sm text-zinc-500">No reviewed candidates with a score yet — review some on the Review page to see how scores translate into approvals.</p>
            ) : (
              <ReliabilityChart points={s.reliability.aggregate} />
            )}
          </CardBody>
        </Card>
      </div>

      <CostTable runs={s.cost.runs} models={s.cost.models} endpoints={s.cost.endpoints} total={s.cost.total} />

      <Card aria-labelledby="hist-heading">
        <CardHeader
          id="hist-heading"
          title="Score distributions"
          actions={
            <span className="flex items-center gap-3 text-xs text-zinc-500">
              {(['approved', 'accepted', 'rejected', 'pending'] as const).map((k) => (
                <span key={k} className="inline-flex items-center gap-1">
                  <span className="size-2 rounded-sm" style={{ background: STATUS_COLORS[k] }} />
                  {k}
                </span>
              ))}
              {s.histograms.sampledPercent < 100 && <span>· from a {s.histograms.sampledPercent.toFixed(1)}% sample of scores</span>}
            </span>
          }
        />
        <CardBody>
          {scored.length === 0 ? (
            <p className="py-6 text-center text-sm text-zinc-500">No scores yet: add an evaluator and run it.</p>
          ) : (
            <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
              {scored.map((h) => (
                <figure key={h.evaluatorId}>
                  <figcaption className="mb-1 text-sm font-medium text-zinc-800">
                    {h.name} <span className="text-xs font-normal text-zinc-400">{h.role} · {formatNumber(h.total)} scores</span>
                  </figcaption>
                  <HistogramChart h={h} />
                </figure>
              ))}
            </div>
          )}
        </CardBody>
      </Card>

      <Card aria-labelledby="consistency-heading">
        <CardHeader id="consistency-heading" title="Judge consistency" />
        <CardBody className="grid gap-3 text-sm sm:grid-cols-2">
          <div>
            <div className="text-xs font-medium text-zinc-500">Position-inconsistent pairwise verdicts</div>
            <div className="text-zinc-800">
              {c.pairwise.share === null ? 'No pairwise judge on this dataset.' : `${pct(c.pairwise.share)} of prompts (${formatNumber(c.pairwise.inconsistent)} of ${formatNumber(c.pairwise.judged)})`}
            </div>
          </div>
          <div>
            <div className="text-xs font-medium text-zinc-500">Spread of repeated judgments</div>
            <div className="text-zinc-800">
              {c.repeated.scores === 0 ? 'No repeated judgments recorded.' : `mean ${dec(c.repeated.meanSpread)}, max ${dec(c.repeated.maxSpread)} over ${formatNumber(c.repeated.scores)} scores`}
            </div>
          </div>
        </CardBody>
      </Card>
      <p className="flex items-center justify-end gap-2 text-xs text-zinc-400">
        <span>
          {s.source === 'recomputed' ? 'recomputed from every candidate and score' : 'live figures, kept up to date on every write'} · {s.serverMs} ms
        </span>
        <Button size="sm" variant="ghost" onClick={refresh} disabled={refreshing}>
          {refreshing ? 'Recomputing…' : 'Recompute'}
        </Button>
      </p>
    </div>
  );
}
