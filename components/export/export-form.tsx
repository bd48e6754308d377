'use client';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { FORMATS } from '@/lib/export/formats';
import type { ExportRun } from '@/lib/export/progress-registry';
import { EXPORT_FORMATS, type ExportFormat } from '@/lib/export/schemas';
import { fetchJson } from '../prompts/fetch-json';
import { Button } from '../ui/button';
import { Card, CardBody, CardHeader } from '../ui/card';
import { formatNumber } from '../ui/format';
import { Field, Input, Select } from '../ui/input';
import { ExportProgress } from './export-progress';

type Count = { rows: number; examples: number; prompts: number; skipped: Record<string, number> };
type Filters = { status: string; topK: string; minScore: string; minMargin: string; pairsPerPrompt: string; parquet: boolean; evaluators: Record<string, '' | 'pass' | 'fail'> };

/** Debounced copy of a value: the count preview waits until typing pauses. */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export function ExportForm({ datasetId, evaluators, canCreate, onCreated }: { datasetId: number; evaluators: string[]; canCreate: boolean; onCreated: (id: number) => void }) {
  const ids = useId();
  const [format, setFormat] = useState<ExportFormat>('trl-sft');
  const [f, setF] = useState<Filters>({ status: 'accepted', topK: '', minScore: '', minMargin: '', pairsPerPrompt: '', parquet: false, evaluators: {} });
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const spec = FORMATS[format];
  const parquet = f.parquet && spec.parquet !== null;

  const fields = {
    datasetId: String(datasetId),
    format,
    status: f.status,
    topK: f.topK,
    minScore: f.minScore,
    evaluators: Object.entries(f.evaluators)
      .filter(([, v]) => v)
      .map(([k, v]) => `${k}=${v}`)
      .join(','),
    ...(spec.kind === 'dpo' ? { minMargin: f.minMargin, pairsPerPrompt: f.pairsPerPrompt } : {}),
    parquet: String(parquet),
  };
  const query = new URLSearchParams(Object.entries(fields).filter(([, v]) => v !== '')).toString();
  const debounced = useDebounced(query, 300);
  const count = useQuery({
    queryKey: ['exports', datasetId, 'count', debounced],
    queryFn: ({ signal }) => fetchJson<Count>(`/api/exports/count?${debounced}`, signal),
    staleTime: 5_000,
  });

  // "Create export" streams the new version straight into a download (a plain form POST: the answer is
  // an attachment, so the page stays and the browser's download manager takes the bytes as the server
  // writes them; a refused request answers 204, which leaves the page too) and polls the export's
  // progress by a token made up here. No frame: the CSP forbids them.
  const [last, setLast] = useState<{ token: string; startedAt: number } | null>(null);
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFieldErrors({});
    const token = crypto.randomUUID().replaceAll('-', '');
    const post = document.createElement('form');
    post.method = 'POST';
    post.action = '/api/exports/stream';
    post.hidden = true;
    for (const [name, value] of Object.entries({ ...fields, token })) {
      if (value === '') continue;
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = value;
      post.append(input);
    }
    document.body.append(post);
    post.submit();
    post.remove();
    setBusy(true);
    const run = { token, startedAt: Date.now() };
    setLast(run);
  }

  const onEnd = useCallback(
    (run: ExportRun) => {
      setBusy(false);
      if (run.state === 'done') {
        toast.success(`Version ${run.version} written: ${formatNumber(run.rows)} rows.`);
        onCreated(run.version);
      } else if (run.state === 'failed') toast.error(run.message);
    },
    [onCreated],
  );

  const set = (patch: Partial<Filters>) => setF((old) => ({ ...old, ...patch }));
  const err = (k: string) => fieldErrors[k]?.[0];
  const skipped = Object.entries(count.data?.skipped ?? {});

  return (
    <Card>
      <CardHeader title="New export" />
      <CardBody>
        <form onSubmit={onSubmit} className="space-y-4" aria-label="New export">
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <Field id={`${ids}-format`} label="Format" hint={spec.description}>
              <Select id={`${ids}-format`} name="format" value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
                {EXPORT_FORMATS.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </Select>
            </Field>
            <Field id={`${ids}-status`} label="Status" hint={spec.kind === 'dpo' ? 'Chosen side: approved only, or approved + auto-accepted' : 'approved: curator-approved · accepted: approved or auto-accepted'}>
              <Select id={`${ids}-status`} name="status" value={f.status} onChange={(e) => set({ status: e.target.value })}>
                <option value="accepted">accepted</option>
                <option value="approved">approved</option>
                <option value="all">all</option>
              </Select>
            </Field>
            <Field id={`${ids}-topk`} label="Top-k per prompt" optional>
              <Input id={`${ids}-topk`} name="topK" inputMode="numeric" value={f.topK} onChange={(e) => set({ topK: e.target.value })} aria-invalid={!!err('topK')} />
              {err('topK') && <p className="text-xs text-rose-600">{err('topK')}</p>}
            </Field>
            <Field id={`${ids}-min`} label="Min aggregate score" optional>
              <Input id={`${ids}-min`} name="minScore" inputMode="decimal" value={f.minScore} onChange={(e) => set({ minScore: e.target.value })} aria-invalid={!!err('minScore')} />
              {err('minScore') && <p className="text-xs text-rose-600">{err('minScore')}</p>}
            </Field>
            {spec.kind === 'dpo' && (
              <>
                <Field id={`${ids}-margin`} label="Min margin" optional hint="chosen − rejected aggregate">
                  <Input id={`${ids}-margin`} name="minMargin" inputMode="decimal" value={f.minMargin} onChange={(e) => set({ minMargin: e.target.value })} />
                </Field>
                <Field id={`${ids}-pairs`} label="Pairs per prompt" optional hint="default 1">
                  <Input id={`${ids}-pairs`} name="pairsPerPrompt" inputMode="numeric" value={f.pairsPerPrompt} onChange={(e) => set({ pairsPerPrompt: e.target.value })} />
                </Field>
              </>
            )}
            {evaluators.map((name) => (
              <Field key={name} id={`${ids}-ev-${name}`} label={`Evaluator ${name}`} optional>
                <Select
                  id={`${ids}-ev-${name}`}
                  value={f.evaluators[name] ?? ''}
                  onChange={(e) => set({ evaluators: { ...f.evaluators, [name]: e.target.value as '' | 'pass' | 'fail' } })}
                >
                  <option value="">any</option>
                  <option value="pass">passed</option>
                  <option value="fail">failed</option>
                </Select>
              </Field>
            ))}
          </div>
          <label className="flex items-center gap-2 text-sm text-zinc-800">
            <input type="checkbox" name="parquet" checked={parquet} disabled={spec.parquet === null} onChange={(e) => set({ parquet: e.target.checked })} className="size-4 rounded border-zinc-300" />
            Parquet {spec.parquet === null && <span className="text-xs text-zinc-500">(not for {format}: JSONL only)</span>}
          </label>

          <div className="flex flex-wrap items-center justify-between gap-3 border-t border-zinc-100 pt-3">
            <p className="text-sm text-zinc-700" aria-live="polite" data-testid="export-count">
              {count.isError ? (
                <span className="text-rose-600">{count.error.message}</span>
              ) : count.data ? (
                <>
                  <strong className="tabular-nums">{formatNumber(count.data.rows)}</strong> {spec.kind === 'dpo' ? 'pairs' : 'rows'} from{' '}
                  <span className="tabular-nums">{formatNumber(count.data.examples)}</span> of {formatNumber(count.data.prompts)} prompts
                  {skipped.length > 0 && <span className="text-zinc-500"> · skipped: {skipped.map(([k, v]) => `${formatNumber(v)} ${k}`).join(', ')}</span>}
                  {count.isFetching && <span className="text-zinc-400"> · counting…</span>}
                </>
              ) : (
                <span className="text-zinc-400">Counting…</span>
              )}
            </p>
            <Button type="submit" variant="primary" disabled={!canCreate || busy} title={canCreate ? 'Writes a new version and downloads it as it is written' : 'Curators and admins can create exports'}>
              {busy ? 'Exporting…' : 'Create export'}
            </Button>
          </div>
          {last && <ExportProgress key={last.token} token={last.token} startedAt={last.startedAt} onEnd={onEnd} />}
        </form>
      </CardBody>
    </Card>
  );
}
