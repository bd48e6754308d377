'use client';
import { useState } from 'react';
import { updatePolicyAction } from '@/app/(workbench)/datasets/[id]/evaluators/actions';
import type { EvaluationOverviewDto } from '@/lib/evaluation/get-evaluation-overview';
import type { RederiveJobDto } from '@/lib/evaluation/judge/rederive-status';
import { Button } from '../ui/button';
import { Card, CardBody, CardHeader } from '../ui/card';
import { formatNumber } from '../ui/format';
import { Field, Input } from '../ui/input';
import { FieldErrors } from './field-errors';

/** What a queued re-derivation says: waiting, running, its result, or why it failed. */
export function describeRederive(job: RederiveJobDto | null, pending: boolean): string {
  if (job?.state === 'done' && job.result) {
    const d = job.result;
    return `Re-derived ${formatNumber(d.candidates)} candidates in ${(d.ms / 1000).toFixed(1)} s: ${formatNumber(d.accepted)} accepted, ${formatNumber(d.rejected)} rejected, ${formatNumber(d.pending)} pending.`;
  }
  if (job?.state === 'failed') return `Re-deriving the verdicts failed: ${job.error ?? 'unknown error'}`;
  if (job?.state === 'queued') return 'Re-deriving verdicts… (queued for a worker)';
  if (job || pending) return 'Re-deriving verdicts…';
  return 'Verdicts re-derived.';
}

/** Threshold, top-k, gates, dedupe: saving queues a re-derivation of every verdict from the stored scores. */
export function PolicyEditor({ overview, canEdit, onSaved }: { overview: EvaluationOverviewDto; canEdit: boolean; onSaved: () => Promise<unknown> | void }) {
  const { policy, counts } = overview;
  const [threshold, setThreshold] = useState(String(policy.threshold));
  const [topK, setTopK] = useState(String(policy.topK));
  const [gates, setGates] = useState(policy.gates === 'all' ? 'all' : policy.gates.join(', '));
  const [requireScore, setRequireScore] = useState(policy.requireScore);
  const [dedupe, setDedupe] = useState(policy.dedupe);
  const [pending, setPending] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  /** The re-derivation job our last save queued (followed through the polled overview). */
  const [jobId, setJobId] = useState<string | null>(null);
  const job = jobId ? (overview.rederive.jobs.find((j) => j.id === jobId) ?? null) : null;
  const result = jobId ? describeRederive(job, overview.rederive.pending) : null;

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setFieldErrors({});
    setJobId(null);
    try {
      const r = await updatePolicyAction({ datasetId: overview.datasetId, threshold, topK, gates, requireScore, dedupe });
      if (!r.ok) {
        setFieldErrors(r.fieldErrors ?? { _: [r.message] });
        return;
      }
      await onSaved(); // the refetched overview already lists the queued job
      setJobId(r.data.jobId);
    } finally {
      setPending(false);
    }
  }

  return (
    <Card aria-labelledby="policy-heading" data-testid="policy-editor">
      <CardHeader id="policy-heading" title="Acceptance policy" />
      <CardBody className="space-y-4">
        <dl className="grid grid-cols-3 gap-2 text-center" data-testid="verdict-counts">
          {[
            ['Accepted', counts.accepted, 'text-emerald-700'],
            ['Rejected', counts.rejected, 'text-rose-700'],
            ['Pending', counts.pending, 'text-zinc-600'],
          ].map(([label, n, cls]) => (
            <div key={label as string} className="rounded-md bg-zinc-50 px-2 py-1.5">
              <dt className="text-[11px] font-medium tracking-wide text-zinc-500 uppercase">{label}</dt>
              <dd className={`text-lg font-semibold tabular-nums ${cls}`} data-testid={`count-${String(label).toLowerCase()}`}>
                {formatNumber(n as number)}
              </dd>
            </div>
          ))}
        </dl>
        <p className="text-xs text-zinc-500">
          {formatNumber(counts.promptsWithAccepted)} of {formatNumber(counts.prompts)} prompts have an accepted candidate. A candidate is accepted when every gate passes
          and its aggregate score reaches the threshold; then only the top k per prompt stay accepted.
        </p>
        <form onSubmit={save} className="space-y-3" noValidate>
          <div className="grid grid-cols-2 gap-3">
            <Field id="policy-threshold" label="Threshold (0–1)">
              <Input id="policy-threshold" inputMode="decimal" value={threshold} disabled={!canEdit} onChange={(e) => setThreshold(e.target.value)} />
              <FieldErrors errors={fieldErrors.threshold} />
            </Field>
            <Field id="policy-topk" label="Top k per prompt" hint="0 = no cap">
              <Input id="policy-topk" inputMode="numeric" value={topK} disabled={!canEdit} onChange={(e) => setTopK(e.target.value)} />
              <FieldErrors errors={fieldErrors.topK} />
            </Field>
          </div>
          <Field id="policy-gates" label="Gates" hint='"all" = every gate-role evaluator, or evaluator names separated by commas'>
            <Input id="policy-gates" value={gates} disabled={!canEdit} onChange={(e) => setGates(e.target.value)} />
            <FieldErrors errors={fieldErrors.gates} />
          </Field>
          <div className="flex flex-wrap gap-4 text-sm text-zinc-700">
            <label className="inline-flex items-center gap-2">
              <input type="checkbox" checked={dedupe} disabled={!canEdit} onChange={(e) => setDedupe(e.target.checked)} /> Never accept duplicates
            </label>
            <label className="inline-flex items-center gap-2">
              <input type="checkbox" checked={requireScore} disabled={!canEdit} onChange={(e) => setRequireScore(e.target.checked)} /> Require a score
            </label>
          </div>
          <FieldErrors errors={fieldErrors._} />
          {canEdit && (
            <Button type="submit" variant="primary" size="sm" disabled={pending} data-testid="save-policy">
              {pending ? 'Saving…' : 'Save and re-derive'}
            </Button>
          )}
          {result && (
            <p role="status" className={`text-xs ${job?.state === 'failed' ? 'text-rose-700' : 'text-zinc-600'}`} data-testid="policy-result" data-state={job?.state ?? 'done'}>
              {result}
            </p>
          )}
        </form>
      </CardBody>
    </Card>
  );
}
