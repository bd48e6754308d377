import type { ReviewProgress } from '@/lib/review/get-progress';
import { formatNumber, formatPercent } from '../ui/format';
import { Progress } from '../ui/progress';

/** Reviewed prompts out of all, and each curator's share. */
export function ProgressPanel({ progress }: { progress: ReviewProgress }) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white px-4 py-3 shadow-xs" data-testid="review-progress">
      <div className="flex items-baseline justify-between gap-3">
        <p className="text-sm text-zinc-700">
          <span className="text-lg font-semibold text-zinc-900 tabular-nums">{formatNumber(progress.reviewed)}</span>
          <span className="text-zinc-500"> / {formatNumber(progress.total)} prompts reviewed</span>
        </p>
        <span className="text-sm font-medium text-zinc-600 tabular-nums">{formatPercent(progress.reviewed, progress.total)}</span>
      </div>
      <Progress value={progress.reviewed} max={Math.max(1, progress.total)} label="Prompts reviewed" tone="emerald" className="mt-2" />
      {progress.curators.length > 0 && (
        <ul className="mt-2.5 flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600" aria-label="Per curator">
          {progress.curators.map((c) => (
            <li key={c.userId ?? c.name}>
              <span className="font-medium text-zinc-800">{c.name}</span> {formatNumber(c.prompts)} prompts · {formatNumber(c.decisions)} decisions
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
