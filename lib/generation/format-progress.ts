// One line of run progress for the CLI (pure).
import type { RunProgressDto } from './run-dto';

const num = (x: number) => x.toLocaleString('en-US');

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export function formatErrors(p: Pick<RunProgressDto, 'errors'>): string {
  return p.errors
    .filter((e) => e.retries || e.failures)
    .map((e) => `${e.kind} ${e.retries ? `${num(e.retries)} retried` : ''}${e.retries && e.failures ? ', ' : ''}${e.failures ? `${num(e.failures)} failed` : ''}`)
    .join('; ');
}

/** e.g. "[#######-------------] 35%  700/2,000 prompts · 5,600/16,000 candidates · 212.5/s · ETA 0:49 · $0.0123" */
export function formatProgress(p: RunProgressDto, opts: { bar?: boolean; width?: number } = {}): string {
  const finished = p.donePrompts + p.failedPrompts;
  const frac = p.totalPrompts ? finished / p.totalPrompts : 1;
  const width = opts.width ?? 20;
  const filled = Math.min(width, Math.floor(frac * width));
  const parts = [
    `${num(finished)}/${num(p.totalPrompts)} prompts${p.failedPrompts ? ` (${num(p.failedPrompts)} failed)` : ''}`,
    `${num(p.candidates)}/${num(p.expectedCandidates)} candidates`,
  ];
  if (p.candidatesPerSecond) parts.push(`${p.candidatesPerSecond}/s`);
  if (p.etaSeconds !== null && p.status === 'running') parts.push(`ETA ${formatDuration(p.etaSeconds)}`);
  if (p.costUsd) parts.push(`$${p.costUsd.toFixed(4)}`);
  const batch = p.batches.filter((b) => !b.ingested);
  if (batch.length) parts.push(`batch ${batch.map((b) => `${b.status} ${b.completedCount}/${b.requestCount}`).join(', ')}`);
  const errors = formatErrors(p);
  if (errors) parts.push(errors);
  const head = opts.bar ? `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(frac * 100)).padStart(3)}%  ` : `run ${p.id} ${p.status}: `;
  return head + parts.join(' · ');
}
