'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { deleteEvaluatorAction, runJudgeAction } from '@/app/(workbench)/datasets/[id]/evaluators/actions';
import type { EvaluationOverviewDto, KindDto } from '@/lib/evaluation/get-evaluation-overview';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { Card, CardBody, CardHeader } from '../ui/card';
import { formatNumber } from '../ui/format';
import { Progress } from '../ui/progress';
import { AddEvaluatorDialog } from './add-evaluator-dialog';
import { EditEvaluatorDialog } from './edit-evaluator-dialog';
import { evaluationKey, useEvaluationOverview } from './evaluation-query';
import { describeRederive, PolicyEditor } from './policy-editor';

/** The dataset's evaluators (add, remove, run with progress) and its acceptance policy. */
export function EvaluationPanels({ initial, kinds, canEdit }: { initial: EvaluationOverviewDto; kinds: KindDto[]; canEdit: boolean }) {
  const { data } = useEvaluationOverview(initial);
  const queryClient = useQueryClient();
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: evaluationKey(data.datasetId) });
  const p = data.progress;
  const done = p.scored + p.errors;
  const lastRederive = data.rederive.jobs[0] ?? null;

  async function run() {
    setStarting(true);
    setError(null);
    try {
      const r = await runJudgeAction({ datasetId: data.datasetId });
      if (!r.ok) return setError(r.message);
      setNote(r.data.jobs ? `Queued ${r.data.jobs} jobs.` : 'Every candidate already has every score.');
      await refresh();
    } finally {
      setStarting(false);
    }
  }

  async function remove(id: number, name: string) {
    if (!window.confirm(`Delete evaluator "${name}" and its scores?`)) return;
    const r = await deleteEvaluatorAction({ id });
    if (!r.ok) return setError(r.message);
    setNote(`Deleted ${name}.`);
    await refresh();
  }

  return (
    <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,7fr)_minmax(0,5fr)]">
      <Card aria-labelledby="evaluators-heading" data-testid="evaluators-panel">
        <CardHeader
          id="evaluators-heading"
          title="Evaluators"
          actions={
            canEdit && (
              <>
                <AddEvaluatorDialog datasetId={data.datasetId} kinds={kinds} onAdded={(m) => (setNote(m), void refresh())} />
                <Button variant="primary" size="sm" onClick={run} disabled={starting || p.running || !data.evaluators.length} data-testid="run-evaluators">
                  {p.running ? 'Running…' : 'Run evaluators'}
                </Button>
              </>
            )
          }
        />
        <CardBody className="space-y-3">
          {data.evaluators.length === 0 ? (
            <p className="text-sm text-zinc-500">No evaluators yet. Add a gate such as math-answer (the final answer must equal the reference) or a score such as an LLM judge.</p>
          ) : (
            <table className="w-full text-left text-sm">
              <thead className="text-xs text-zinc-500">
                <tr>
                  <th scope="col" className="py-1 pr-3 font-medium">Name</th>
                  <th scope="col" className="py-1 pr-3 font-medium">Kind</th>
                  <th scope="col" className="py-1 pr-3 font-medium">Role</th>
                  <th scope="col" className="py-1 pr-3 text-right font-medium">Scored</th>
                  <th scope="col" className="py-1 pr-3 font-medium">Config</th>
                  {canEdit && <th scope="col" className="sr-only">Actions</th>}
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100 align-top">
                {data.evaluators.map((e) => (
                  <tr key={e.id} data-testid="evaluator-row">
                    <td className="py-2 pr-3 font-medium text-zinc-900">{e.name}</td>
                    <td className="py-2 pr-3 font-mono text-xs text-zinc-600">{e.kind}</td>
                    <td className="py-2 pr-3">
                      {e.role === 'gate' ? <Badge tone="indigo">gate</Badge> : <Badge tone="sky">score × {e.weight}</Badge>}
                    </td>
                    <td className="py-2 pr-3 text-right whitespace-nowrap tabular-nums">
                      {formatNumber(e.scored)} / {formatNumber(data.progress.candidates)}
                      {e.errors > 0 && <div className="text-xs text-amber-700">{formatNumber(e.errors)} errors</div>}
                    </td>
                    <td className="max-w-56 py-2 pr-3">
                      <code className="line-clamp-2 font-mono text-xs break-all text-zinc-600" title={JSON.stringify(e.config, null, 2)}>
                        {JSON.stringify(e.config)}
                      </code>
                    </td>
                    {canEdit && (
                      <td className="py-2 text-right whitespace-nowrap">
                        <EditEvaluatorDialog evaluator={e} onSaved={(m) => (setNote(m), void refresh())} />
                        <Button variant="ghost" size="sm" onClick={() => remove(e.id, e.name)} aria-label={`Delete ${e.name}`}>
                          Delete
                        </Button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {p.total > 0 && (
            <div className="space-y-1" data-testid="judge-progress">
              <Progress value={done} max={p.total} label="Evaluation progress" tone={p.running ? 'indigo' : 'emerald'} />
              <p className="text-xs text-zinc-600 tabular-nums">
                {formatNumber(done)} of {formatNumber(p.total)} results{p.errors > 0 && <> · {formatNumber(p.errors)} errors</>}
                {p.running && <> · {formatNumber(p.jobs.queued + p.jobs.active)} jobs to go</>}
                {p.jobs.failed > 0 && <span className="text-rose-700"> · {p.jobs.failed} jobs failed</span>}
              </p>
            </div>
          )}
          {(data.rederive.pending || lastRederive?.state === 'failed') && (
            <p className={`text-xs ${lastRederive?.state === 'failed' ? 'text-rose-700' : 'text-indigo-700'}`} role="status" data-testid="rederive-status" data-state={lastRederive?.state ?? 'queued'}>
              {describeRederive(lastRederive, data.rederive.pending)}
            </p>
          )}
          {note && <p className="text-xs text-zinc-600" role="status">{note}</p>}
          {error && <p className="text-xs text-rose-700" role="alert">{error}</p>}
        </CardBody>
      </Card>
      <PolicyEditor overview={data} canEdit={canEdit} onSaved={refresh} />
    </div>
  );
}
