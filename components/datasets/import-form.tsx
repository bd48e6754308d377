'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, type DragEvent, type FormEvent } from 'react';
import {
  fieldMapProblem,
  IMPORT_ACCEPT,
  importFormSchema,
  importResponseSchema,
  type ImportError,
} from '@/lib/datasets/schemas';
import { visibleControls } from '@/lib/security/visible-controls';
import { Button } from '../ui/button';
import { cn } from '../ui/cn';
import { formatBytes, formatNumber } from '../ui/format';
import { CheckIcon, FileIcon, UploadIcon } from '../ui/icons';
import { Field, Input, Textarea } from '../ui/input';
import { Progress } from '../ui/progress';
import { ImportProblems } from './import-problems';
import { RecordFormat } from './record-format';

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; loaded: number; total: number }
  | { kind: 'processing' }
  | { kind: 'done'; dataset: string; prompts: number; candidates: number; created: boolean }
  | { kind: 'invalid'; errors: ImportError[]; errorCount: number }
  | { kind: 'failed'; message: string };

export function ImportForm({ existingNames, initialDataset = '' }: { existingNames: string[]; initialDataset?: string }) {
  const router = useRouter();
  const ids = useId();
  const [dataset, setDataset] = useState(initialDataset);
  const [description, setDescription] = useState('');
  const [map, setMap] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [fieldErrors, setFieldErrors] = useState<{ dataset?: string; file?: string; map?: string }>({});
  const xhrRef = useRef<XMLHttpRequest | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  const existing = existingNames.includes(dataset.trim());
  const busy = phase.kind === 'uploading' || phase.kind === 'processing';

  useEffect(() => () => xhrRef.current?.abort(), []);
  useEffect(() => {
    if (phase.kind === 'invalid' || phase.kind === 'failed') resultRef.current?.focus();
  }, [phase.kind]);

  function pick(f: File | null | undefined) {
    if (!f) return;
    setFile(f);
    setFieldErrors((e) => ({ ...e, file: undefined }));
    if (phase.kind !== 'idle' && !busy) setPhase({ kind: 'idle' });
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    if (!busy) pick(e.dataTransfer.files?.[0]);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = importFormSchema.safeParse({ dataset, description, map });
    const errs: typeof fieldErrors = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errs[issue.path[0] as 'dataset' | 'map'] ??= issue.message;
    }
    if (!file) errs.file = 'Choose a file to import';
    setFieldErrors(errs);
    if (!parsed.success || !file) return;

    const body = new FormData();
    body.set('dataset', parsed.data.dataset);
    body.set('file', file, file.name);
    if (parsed.data.map) body.set('map', parsed.data.map);
    if (parsed.data.description && !existing) body.set('description', parsed.data.description);

    const xhr = new XMLHttpRequest();
    xhrRef.current = xhr;
    xhr.open('POST', '/api/import');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (ev) => setPhase({ kind: 'uploading', loaded: ev.loaded, total: ev.lengthComputable ? ev.total : file.size });
    xhr.upload.onload = () => setPhase({ kind: 'processing' });
    xhr.onerror = () => setPhase({ kind: 'failed', message: 'The upload did not reach the server (network error or the server stopped). Nothing was imported.' });
    xhr.onabort = () => setPhase({ kind: 'idle' });
    xhr.onload = () => {
      xhrRef.current = null;
      let json: unknown = null;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON: handled below */
      }
      const res = importResponseSchema.safeParse(json);
      if (!res.success) {
        const reason = xhr.status === 413 ? 'the file is larger than the server accepts' : `the server answered ${xhr.status} ${xhr.statusText}`.trim();
        setPhase({ kind: 'failed', message: `Import failed: ${reason}.` });
        return;
      }
      const r = res.data;
      if (r.ok) {
        setPhase({ kind: 'done', dataset: r.dataset, prompts: r.prompts, candidates: r.candidates, created: r.createdDataset });
        router.push(`/datasets/${r.datasetId}`);
        router.refresh();
      } else if ('errors' in r) {
        setPhase({ kind: 'invalid', errors: r.errors, errorCount: Math.max(r.errorCount ?? 0, r.errors.length) });
      } else {
        setPhase({ kind: 'failed', message: r.message });
      }
    };
    setPhase({ kind: 'uploading', loaded: 0, total: file.size });
    xhr.send(body);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5" aria-describedby={`${ids}-status`}>
      <Field
        id={`${ids}-dataset`}
        label="Dataset"
        hint={
          fieldErrors.dataset ? (
            <span className="text-rose-700">{fieldErrors.dataset}</span>
          ) : !dataset.trim() ? (
            'A new name creates a dataset; an existing name adds prompts to it.'
          ) : existing ? (
            <span className="text-indigo-700">Adds to the existing dataset “{dataset.trim()}”.</span>
          ) : (
            <span className="text-emerald-700">Creates a new dataset “{dataset.trim()}”.</span>
          )
        }
      >
        <Input
          id={`${ids}-dataset`}
          name="dataset"
          list={`${ids}-names`}
          value={dataset}
          onChange={(e) => setDataset(e.target.value)}
          placeholder="my-set"
          autoComplete="off"
          required
          disabled={busy}
          aria-invalid={!!fieldErrors.dataset}
          aria-describedby={`${ids}-dataset-hint`}
        />
        <datalist id={`${ids}-names`}>
          {existingNames.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
      </Field>

      {!existing && (
        <Field id={`${ids}-description`} label="Description" optional hint="Shown on the datasets page. Only used when the dataset is new.">
          <Textarea
            id={`${ids}-description`}
            name="description"
            rows={2}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            disabled={busy}
            placeholder="Where the prompts come from, what they are for…"
            aria-describedby={`${ids}-description-hint`}
          />
        </Field>
      )}

      <div className="space-y-1.5">
        <span id={`${ids}-file-label`} className="block text-sm font-medium text-zinc-800">
          File
        </span>
        <label
          onDragOver={(e) => {
            e.preventDefault();
            if (!busy) setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          className={cn(
            'flex cursor-pointer flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed px-6 py-8 text-center transition-colors',
            'has-[:focus-visible]:border-indigo-500 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-indigo-500/20',
            dragging ? 'border-indigo-500 bg-indigo-50' : fieldErrors.file ? 'border-rose-300 bg-rose-50/40' : 'border-zinc-300 bg-zinc-50/60 hover:border-zinc-400 hover:bg-zinc-50',
            busy && 'pointer-events-none opacity-60',
          )}
        >
          <input
            type="file"
            name="file"
            accept={IMPORT_ACCEPT}
            className="sr-only"
            disabled={busy}
            aria-labelledby={`${ids}-file-label`}
            aria-describedby={`${ids}-file-hint`}
            onChange={(e) => pick(e.target.files?.[0])}
          />
          {file ? (
            <>
              <FileIcon className="size-8 text-indigo-500" />
              <span className="text-sm font-medium break-all text-zinc-900">{visibleControls(file.name)}</span>
              <span className="text-xs text-zinc-500">{formatBytes(file.size)} · click or drop to replace</span>
            </>
          ) : (
            <>
              <UploadIcon className="size-8 text-zinc-400" />
              <span className="text-sm text-zinc-700">
                <span className="font-medium text-indigo-700">Choose a file</span> or drag it here
              </span>
              <span className="text-xs text-zinc-500">JSONL, CSV or Parquet</span>
            </>
          )}
        </label>
        <p id={`${ids}-file-hint`} className={cn('text-xs', fieldErrors.file ? 'text-rose-700' : 'text-zinc-500')}>
          {fieldErrors.file ?? 'One record per line (JSONL) or row (CSV, Parquet). The whole file is checked first: if any record is wrong, nothing is imported.'}
        </p>
      </div>

      <Field
        id={`${ids}-map`}
        label="Field mapping"
        optional
        hint={
          fieldErrors.map ? (
            <span className="text-rose-700">{fieldErrors.map}</span>
          ) : (
            <>
              When your file uses other names: <code className="font-mono">target=your_field</code>, comma-separated. E.g.{' '}
              <code className="font-mono">prompt=question,reference=answer</code> reads the prompt from <code className="font-mono">question</code>. Dotted
              paths reach into objects (<code className="font-mono">prompt=data.q</code>).
            </>
          )
        }
      >
        <Input
          id={`${ids}-map`}
          name="map"
          value={map}
          onChange={(e) => {
            setMap(e.target.value);
            if (fieldErrors.map) setFieldErrors((f) => ({ ...f, map: fieldMapProblem(e.target.value) ?? undefined }));
          }}
          onBlur={() => setFieldErrors((f) => ({ ...f, map: fieldMapProblem(map) ?? undefined }))}
          placeholder="prompt=question,reference=answer"
          className="font-mono text-[13px]"
          disabled={busy}
          spellCheck={false}
          aria-invalid={!!fieldErrors.map}
          aria-describedby={`${ids}-map-hint`}
        />
      </Field>

      <RecordFormat />

      <div id={`${ids}-status`} aria-live="polite">
        {phase.kind === 'uploading' && (
          <div className="space-y-1.5">
            <div className="flex justify-between text-xs text-zinc-600">
              <span>Uploading {visibleControls(file?.name ?? '')}…</span>
              <span className="tabular-nums">
                {formatBytes(phase.loaded)} / {formatBytes(phase.total)} · {phase.total ? Math.floor((phase.loaded / phase.total) * 100) : 0}%
              </span>
            </div>
            <Progress value={phase.loaded} max={phase.total || 1} label="Upload progress" />
          </div>
        )}
        {phase.kind === 'processing' && (
          <div className="space-y-1.5">
            <p className="text-xs text-zinc-600">Uploaded. Checking every record and writing the dataset…</p>
            <Progress value={null} label="Importing" />
          </div>
        )}
        {phase.kind === 'done' && (
          <p className="flex items-center gap-2 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            <CheckIcon className="size-4" />
            Imported {formatNumber(phase.prompts)} prompts and {formatNumber(phase.candidates)} candidates into {phase.created ? 'new dataset' : ''} “{phase.dataset}”. Opening it…
          </p>
        )}
      </div>

      {(phase.kind === 'invalid' || phase.kind === 'failed') && (
        <ImportProblems ref={resultRef} failure={phase.kind === 'failed' ? phase.message : null} errors={phase.kind === 'invalid' ? phase.errors : []} errorCount={phase.kind === 'invalid' ? phase.errorCount : 0} />
      )}

      <div className="flex items-center justify-end gap-2 border-t border-zinc-100 pt-4">
        {busy && phase.kind === 'uploading' ? (
          <Button onClick={() => xhrRef.current?.abort()}>Cancel upload</Button>
        ) : (
          <Button onClick={() => router.push('/datasets')} variant="ghost" disabled={busy}>
            Cancel
          </Button>
        )}
        <Button type="submit" variant="primary" disabled={busy}>
          <UploadIcon className="size-4" />
          {busy ? 'Importing…' : 'Import'}
        </Button>
      </div>
    </form>
  );
}
