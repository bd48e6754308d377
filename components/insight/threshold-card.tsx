'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { applyThresholdAction } from '@/app/(workbench)/datasets/[id]/insight/actions';
import type { ThresholdSuggestion } from '@/lib/insight/threshold-search';
import { insightQueryKeys } from '@/lib/insight/query-keys';
import { Button } from '../ui/button';
import { Card, CardBody, CardHeader } from '../ui/card';
import { formatNumber } from '../ui/format';
import { Input } from '../ui/input';
import { ThresholdChart } from './charts';
import { dec, pct } from './format';

export function ThresholdCard({
  datasetId,
  current,
  suggestion,
  canApply,
  targetPrecision,
  onTargetPrecision,
  onApplied,
}: {
  datasetId: number;
  current: number;
  suggestion: ThresholdSuggestion | null;
  canApply: boolean;
  targetPrecision: number | null;
  onTargetPrecision: (p: number | null) => void;
  /** The policy changed: its re-derivation runs in the background from now on. */
  onApplied?: () => void;
}) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [target, setTarget] = useState(targetPrecision === null ? '' : String(Math.round(targetPrecision * 100)));
  const queryClient = useQueryClient();
  const router = useRouter();
  const s = suggestion;
  const same = s !== null && Math.abs(s.threshold - current) < 1e-9;

  function apply() {
    if (!s) return;
    setMessage(null);
    startTransition(async () => {
      const r = await applyThresholdAction({ datasetId, threshold: s.threshold });
      if (r.ok) {
        onApplied?.();
        setMessage({ ok: true, text: `Threshold set to ${s.threshold.toFixed(2)}; re-deriving the verdicts in the background.` });
        await queryClient.invalidateQueries({ queryKey: insightQueryKeys.all(datasetId) });
        router.refresh();
      } else setMessage({ ok: false, text: r.message });
    });
  }

  return (
    <Card aria-labelledby="threshold-heading">
      <CardHeader
        id="threshold-heading"
        title="Threshold suggestion"
        actions={
          <form
            className="flex items-center gap-1.5 text-xs text-zinc-500"
            onSubmit={(e) => {
              e.preventDefault();
              const v = target.trim() === '' ? null : Number(target) / 100;
              onTargetPrecision(v !== null && v >= 0 && v <= 1 ? v : null);
            }}
          >
            <label htmlFor="target-precision">Target precision</label>
            <span className="w-14">
              <Input id="target-precision" inputMode="numeric" placeholder="—" value={target} onChange={(e) => setTarget(e.target.value)} className="h-7! px-2 text-xs" />
            </span>
            <span>%</span>
            <Button type="submit" size="sm" variant="secondary">
              Use
            </Button>
          </form>
        }
      />
      <CardBody className="space-y-3">
        {!s ? (
          <p className="py-6 text-center text-sm text-zinc-500">
            {targetPrecision !== null ? `No threshold reaches ${pct(targetPrecision, 0)} precision on the reviewed sample.` : 'No suggestion yet: review candidates whose verdict the threshold decides (they passed the gates) to get one.'}
          </p>
        ) : (
          <>
            <div className="flex flex-wrap items-center justify-between gap-3">
              <div className="min-w-0">
                <p className="text-sm text-zinc-700">
                  {s.mode === 'precision' ? `Lowest threshold with ≥ ${pct(targetPrecision, 0)} precision` : 'Best agreement with curators'} at{' '}
                  <span className="text-2xl font-semibold text-indigo-700 tabular-nums" data-testid="suggested-threshold">
                    {s.threshold.toFixed(2)}
                  </span>{' '}
                  <span className="text-zinc-500">(now {current.toFixed(2)})</span>
                </p>
                <p className="mt-0.5 text-xs text-zinc-500 tabular-nums">
                  accuracy {pct(s.atCurrent.accuracy)} → {pct(s.suggested.accuracy)} · κ {dec(s.atCurrent.kappa)} → {dec(s.suggested.kappa)} · precision {pct(s.suggested.precision)}
                </p>
                <p className="mt-1 text-sm font-medium text-zinc-800" data-testid="threshold-effect">
                  {same ? 'That is the current threshold: nothing would change.' : `On the unreviewed rest: would accept ${formatNumber(s.wouldAccept)} more, reject ${formatNumber(s.wouldReject)}.`}
                </p>
              </div>
              {canApply && (
                <Button variant="primary" onClick={apply} disabled={pending || same}>
                  {pending ? 'Applying…' : `Apply ${s.threshold.toFixed(2)}`}
                </Button>
              )}
            </div>
            <ThresholdChart curve={s.curve} current={current} suggested={s.threshold} />
          </>
        )}
        {message && (
          <p role="status" className={message.ok ? 'text-sm text-emerald-700' : 'text-sm text-rose-700'}>
            {message.text}
          </p>
        )}
      </CardBody>
    </Card>
  );
}
