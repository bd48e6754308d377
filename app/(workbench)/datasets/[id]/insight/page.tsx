import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DatasetHeader } from '@/components/datasets/dataset-header';
import { InsightView } from '@/components/insight/insight-view';
import { DatasetTabs } from '@/components/runs/dataset-tabs';
import { PageContainer } from '@/components/shell/top-bar';
import { formatNumber } from '@/components/ui/format';
import { currentUser } from '@/lib/auth/current-user';
import { requirePageRole } from '@/lib/auth/require-page-role';
import { roleAtLeast } from '@/lib/auth/roles';
import { getDataset } from '@/lib/datasets/get-dataset';
import { loadDatasetStats } from '@/lib/insight/load-dataset-stats';
import { insightQueryKeys } from '@/lib/insight/query-keys';
import { statsQuerySchema } from '@/lib/insight/schemas';
import { parseIdParam } from '@/lib/prompts/schemas';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = parseIdParam((await params).id);
  if (!(await currentUser())) return { title: 'Insight' };
  const dataset = id ? await getDataset(id) : null;
  return { title: dataset ? `Insight · ${dataset.name}` : 'Dataset not found' };
}

export default async function InsightPage({ params, searchParams }: Props) {
  const rawId = (await params).id;
  const user = await requirePageRole('viewer', `/datasets/${encodeURIComponent(rawId)}/insight`);
  const id = parseIdParam(rawId);
  if (!id) notFound();
  const query = statsQuerySchema.safeParse(await searchParams);
  const targetPrecision = query.success ? (query.data.targetPrecision ?? null) : null;
  const [dataset, result] = await Promise.all([getDataset(id), loadDatasetStats({ id }, { targetPrecision: targetPrecision ?? undefined })]);
  if (!dataset || !result) notFound();

  const queryClient = new QueryClient();
  queryClient.setQueryData(insightQueryKeys.stats(id, targetPrecision), result.stats);
  const canCurate = roleAtLeast(user.role, 'curator');

  return (
    <PageContainer>
      <div className="space-y-6">
        <DatasetHeader dataset={dataset} />
        <DatasetTabs datasetId={id} active="insight" promptCount={formatNumber(dataset.counts.prompts)} canGenerate={canCurate && dataset.counts.prompts > 0} />
        <HydrationBoundary state={dehydrate(queryClient)}>
          <InsightView datasetId={id} canApply={canCurate} initialTarget={targetPrecision} />
        </HydrationBoundary>
      </div>
    </PageContainer>
  );
}
