import Link from 'next/link';
import type { DatasetDetail } from '@/lib/datasets/get-dataset';
import { cn } from '../ui/cn';
import { formatNumber, formatPercent } from '../ui/format';
import { RelativeTime } from '../ui/relative-time';

function Stat({ label, value, sub, tone }: { label: string; value: number; sub?: string; tone?: 'emerald' | 'rose' | 'indigo' }) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white px-3.5 py-2.5 shadow-xs">
      <dt className="text-xs font-medium text-zinc-500">{label}</dt>
      <dd className="mt-0.5 flex items-baseline gap-1.5">
        <span
          className={cn(
            'text-lg font-semibold tabular-nums',
            tone === 'emerald' && 'text-emerald-700',
            tone === 'rose' && 'text-rose-700',
            tone === 'indigo' && 'text-indigo-700',
            !tone && 'text-zinc-900',
          )}
        >
          {formatNumber(value)}
        </span>
        {sub && <span className="text-xs text-zinc-400">{sub}</span>}
      </dd>
    </div>
  );
}

export function DatasetHeader({ dataset }: { dataset: DatasetDetail }) {
  const c = dataset.counts;
  return (
    <header className="space-y-4">
      <div>
        <nav aria-label="Breadcrumb" className="text-sm text-zinc-500">
          <Link href="/datasets" className="hover:text-zinc-800 hover:underline">
            Datasets
          </Link>
          <span aria-hidden className="mx-1.5 text-zinc-300">
            /
          </span>
        </nav>
        <div className="mt-0.5 flex flex-wrap items-baseline gap-x-3 gap-y-1">
          <h1 className="text-xl font-semibold tracking-tight text-zinc-900">{dataset.name}</h1>
          <span className="text-xs text-zinc-500">
            created <RelativeTime date={dataset.createdAt} />
          </span>
        </div>
        {dataset.description && <p className="mt-1 max-w-3xl text-sm text-zinc-600">{dataset.description}</p>}
      </div>
      <dl className="grid grid-cols-3 gap-3 xl:grid-cols-6">
        <Stat label="Prompts" value={c.prompts} sub={c.prompts ? `${formatPercent(c.promptsWithAccepted, c.prompts)} with accepted` : undefined} />
        <Stat label="Candidates" value={c.candidates} sub={c.prompts && c.candidates ? `${(c.candidates / c.prompts).toFixed(1)} per prompt` : undefined} />
        <Stat label="Scored" value={c.scored} sub={c.candidates ? formatPercent(c.scored, c.candidates) : undefined} />
        <Stat label="Auto-accepted" value={c.autoAccepted} sub={c.candidates ? formatPercent(c.autoAccepted, c.candidates) : undefined} tone="emerald" />
        <Stat label="Approved" value={c.approved} tone="indigo" />
        <Stat label="Rejected" value={c.rejected} tone="rose" />
      </dl>
    </header>
  );
}
