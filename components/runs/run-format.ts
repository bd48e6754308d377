// Display helpers for generation runs (pure; fixed locale so server and browser agree).
import type { RunProgressDto, RunStatus, RunSummaryDto } from '@/lib/generation/run-dto';
import type { Tone } from '../ui/badge';

export const STATUS_TONE: Record<RunStatus, Tone> = {
  queued: 'sky',
  running: 'indigo',
  completed: 'emerald',
  failed: 'rose',
  cancelled: 'amber',
};

/** Prompts settled (done or failed) out of all, as a 0..100 integer (floored: 100 only when all are). */
export function percentDone(r: Pick<RunSummaryDto, 'donePrompts' | 'failedPrompts' | 'totalPrompts'>): number {
  if (!r.totalPrompts) return 100;
  return Math.floor(((r.donePrompts + r.failedPrompts) / r.totalPrompts) * 100);
}

/** "1:05", "2:03:09"; "—" when unknown. */
export function formatEta(seconds: number | null): string {
  if (seconds == null || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** US dollars with enough digits for tiny per-run costs: "$0.0123", "$12.40". */
export function formatCost(usd: number): string {
  if (!usd) return '$0';
  if (usd < 1) return `$${usd.toFixed(4)}`;
  if (usd < 100) return `$${usd.toFixed(2)}`;
  return `$${Math.round(usd).toLocaleString('en-US')}`;
}

/** 950 → "950", 12_300 → "12.3k", 4_500_000 → "4.5M". */
export function formatCompact(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(n < 10_000_000 ? 1 : 0)}M`;
}

/** Seconds the run has been going (or went), from its timestamps and `now`. */
export function elapsedSeconds(r: Pick<RunProgressDto, 'startedAt' | 'finishedAt'>, now: number): number | null {
  if (!r.startedAt) return null;
  const end = r.finishedAt ? Date.parse(r.finishedAt) : now;
  return Math.max(0, (end - Date.parse(r.startedAt)) / 1000);
}

/** The sampling parameters as short "key value" pairs, in a fixed order. */
export function describeParams(p: RunSummaryDto['params']): Array<[string, string]> {
  const out: Array<[string, string]> = [['n', String(p.n)]];
  if (p.temperature !== undefined) out.push(['temperature', String(p.temperature)]);
  if (p.top_p !== undefined) out.push(['top-p', String(p.top_p)]);
  if (p.max_tokens !== undefined) out.push(['max tokens', String(p.max_tokens)]);
  if (p.seed !== undefined) out.push(['seed', String(p.seed)]);
  if (p.onlyUnsolved) out.push(['prompts', 'only unsolved']);
  if (p.batch) out.push(['mode', 'Batch API']);
  return out;
}

export const canCancel = (s: RunStatus) => s === 'queued' || s === 'running';
/** A cancelled run, or a failed one with prompts never tried (e.g. the endpoint refused the key); failed prompts are for "Retry failed". */
export const canResume = (r: Pick<RunSummaryDto, 'status' | 'totalPrompts' | 'donePrompts' | 'failedPrompts'>) =>
  r.status === 'cancelled' || (r.status === 'failed' && r.totalPrompts - r.donePrompts - r.failedPrompts > 0);
export const canRetryFailed = (r: Pick<RunSummaryDto, 'status' | 'failedPrompts'>) =>
  r.failedPrompts > 0 && (r.status === 'completed' || r.status === 'failed' || r.status === 'cancelled');
