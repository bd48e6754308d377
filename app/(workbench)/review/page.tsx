import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { PageContainer } from '@/components/shell/top-bar';
import { EmptyState } from '@/components/ui/empty-state';
import { formatNumber, formatPercent } from '@/components/ui/format';
import { InboxIcon } from '@/components/ui/icons';
import { Progress } from '@/components/ui/progress';
import { requirePageRole } from '@/lib/auth/require-page-role';
import { listDatasets } from '@/lib/datasets/list-datasets';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Review' };

/** The nav's "Review": straight to the review queue when there is one dataset, else pick one. */
export default async function ReviewIndexPage() {
  await requirePageRole('viewer', '/review');
  const datasets = (await listDatasets()).filter((d) => d.prompts > 0);
  if (datasets.length === 1) redirect(`/datasets/${datasets[0].id}/review`);
  return (
    <PageContainer>
      <h1 className="text-xl font-semibold tracking-tight text-zinc-900">Review</h1>
      <p className="mt-0.5 mb-5 text-sm text-zinc-500">Pick a dataset to review.</p>
      {datasets.length === 0 ? (
        <EmptyState icon={<InboxIcon className="size-9" />} title="Nothing to review yet">
          Import a dataset first.
        </EmptyState>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {datasets.map((d) => (
            <li key={d.id}>
              <Link href={`/datasets/${d.id}/review`} className="block rounded-lg border border-zinc-200 bg-white px-4 py-3 shadow-xs hover:border-indigo-300 focus-visible:outline-2 focus-visible:outline-indigo-500">
                <span className="font-medium text-zinc-900">{d.name}</span>
                <span className="mt-1 block text-xs text-zinc-500">
                  {formatNumber(d.reviewedPrompts)} / {formatNumber(d.prompts)} prompts reviewed · {formatPercent(d.reviewedPrompts, d.prompts)}
                </span>
                <Progress value={d.reviewedPrompts} max={Math.max(1, d.prompts)} label={`${d.name} reviewed`} tone="emerald" size="sm" className="mt-2" />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </PageContainer>
  );
}
