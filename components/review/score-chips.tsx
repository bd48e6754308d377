import type { BoardEvaluator, BoardScore } from '@/lib/review/types';
import { toPlainExcerpt } from '@/lib/prompts/text';
import { MarkdownText } from '../markdown';
import { cn } from '../ui/cn';
import { formatScore } from '../ui/format';
import { ChevronDownIcon } from '../ui/icons';
import { formatRaw, rawNote } from '../evaluation/score-badges';

/** Gate pass/fail chips and per-evaluator scores of one candidate; judge rationales expand. */
export function ScoreChips({ scores, evaluators }: { scores: BoardScore[]; evaluators: BoardEvaluator[] }) {
  if (scores.length === 0) return <p className="text-xs text-zinc-500">Not scored yet.</p>;
  const byId = new Map(evaluators.map((e) => [e.id, e]));
  const gates = scores.filter((s) => byId.get(s.evaluatorId)?.role === 'gate');
  const others = scores.filter((s) => byId.get(s.evaluatorId)?.role !== 'gate');
  const withRationale = scores.filter((s) => s.rationale || s.error);
  return (
    <div className="space-y-1.5" data-testid="scores">
      <ul className="flex flex-wrap items-center gap-1.5" aria-label="Scores">
        {gates.map((s) => {
          const name = byId.get(s.evaluatorId)?.name ?? `#${s.evaluatorId}`;
          const state = s.error ? 'error' : s.passed === true ? 'pass' : s.passed === false ? 'fail' : 'pending';
          return (
            <li
              key={s.evaluatorId}
              title={s.error ?? `${name}: ${state}`}
              className={cn(
                'inline-flex items-center gap-1 rounded-md px-1.5 py-0.5 text-[11px] font-medium ring-1 ring-inset',
                state === 'pass' && 'bg-emerald-50 text-emerald-800 ring-emerald-600/20',
                state === 'fail' && 'bg-rose-50 text-rose-800 ring-rose-600/20',
                state === 'error' && 'bg-amber-50 text-amber-800 ring-amber-600/25',
                state === 'pending' && 'bg-zinc-50 text-zinc-600 ring-zinc-500/20',
              )}
            >
              <span aria-hidden>{state === 'pass' ? '✓' : state === 'fail' ? '✗' : state === 'error' ? '!' : '…'}</span>
              {name}
              <span className="sr-only"> {state}</span>
            </li>
          );
        })}
        {others.map((s) => {
          const name = byId.get(s.evaluatorId)?.name ?? `#${s.evaluatorId}`;
          return (
            <li key={s.evaluatorId} className="inline-flex items-center gap-1.5 rounded-md bg-white px-1.5 py-0.5 text-[11px] text-zinc-700 ring-1 ring-zinc-200 ring-inset" title={s.error ?? rawNote(s) ?? undefined}>
              <span className="text-zinc-500">{name}</span>
              <span className="inline-block h-1 w-8 overflow-hidden rounded-full bg-zinc-200" aria-hidden>
                <span className={cn('block h-full', (s.value ?? 0) >= 0.5 ? 'bg-emerald-500' : 'bg-rose-400')} style={{ width: `${Math.round(Math.max(0, Math.min(1, s.value ?? 0)) * 100)}%` }} />
              </span>
              <span className="font-semibold tabular-nums">{s.error ? 'error' : formatScore(s.value)}</span>
              {s.rawValue != null && <span className="text-zinc-500 tabular-nums">raw {formatRaw(s.rawValue)}</span>}
            </li>
          );
        })}
      </ul>
      {withRationale.map((s) => {
        const name = byId.get(s.evaluatorId)?.name ?? `#${s.evaluatorId}`;
        const text = s.error ? `Error: ${s.error}` : s.rationale!;
        return (
          <details key={s.evaluatorId} className="group text-xs">
            <summary className="flex cursor-pointer list-none items-center gap-1 text-zinc-600 hover:text-zinc-900 [&::-webkit-details-marker]:hidden">
              <ChevronDownIcon className="size-3 shrink-0 -rotate-90 transition-transform group-open:rotate-0" />
              <span className="font-medium text-zinc-700">{name}</span>
              <span className="line-clamp-1 group-open:hidden">{toPlainExcerpt(text.replace(/\*\*|__|`/g, ''), 120)}</span>
            </summary>
            <div className="mt-1 rounded bg-zinc-50 px-2 py-1.5">
              <MarkdownText text={text} className="text-xs leading-5" />
            </div>
          </details>
        );
      })}
    </div>
  );
}
