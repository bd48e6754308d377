import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CliSnippet } from '@/components/datasets/cli-snippet';
import { DatasetHeader } from '@/components/datasets/dataset-header';
import { DatasetTabs } from '@/components/runs/dataset-tabs';
import { PromptsBrowser } from '@/components/prompts/prompts-browser';
import { PageContainer } from '@/components/shell/top-bar';
import { EmptyState } from '@/components/ui/empty-state';
import { formatNumber } from '@/components/ui/format';
import { InboxIcon } from '@/components/ui/icons';
import { currentUser } from '@/lib/auth/current-user';
import { requirePageRole } from '@/lib/auth/require-page-role';
import { roleAtLeast } from '@/lib/auth/roles';
import { getDataset } from '@/lib/datasets/get-dataset';
import { countPrompts, listPrompts } from '@/lib/prompts/list-prompts';
import { promptQueryKeys } from '@/lib/prompts/query-keys';
import { parseIdParam, parsePromptListQuery } from '@/lib/prompts/schemas';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = parseIdParam((await params).id);
  if (!(await currentUser())) return { title: 'Dataset' };
  const dataset = id ? await getDataset(id) : null;
  return { title: dataset?.name ?? 'Dataset not found' };
}

export default async function DatasetPage({ params, searchParams }: Props) {
  const rawId = (await params).id;
  const user = await requirePageRole('viewer', `/datasets/${encodeURIComponent(rawId)}`);
  const id = parseIdParam(rawId);
  if (!id) notFound();
  const [dataset, query] = await Promise.all([getDataset(id), searchParams.then(parsePromptListQuery)]);
  if (!dataset) notFound();

  // First page and count come with the HTML; the browser takes over for search, filters and paging.
  const queryClient = new QueryClient();
  await Promise.all([
    queryClient.prefetchQuery({ queryKey: promptQueryKeys.page(id, query), queryFn: () => listPrompts(id, query) }),
    queryClient.prefetchQuery({ queryKey: promptQueryKeys.count(id, query), queryFn: () => countPrompts(id, query) }),
  ]);

  return (
    <PageContainer>
      <div className="space-y-6">
        <DatasetHeader dataset={dataset} />
        <DatasetTabs datasetId={id} active="prompts" promptCount={formatNumber(dataset.counts.prompts)} canGenerate={roleAtLeast(user.role, 'curator') && dataset.counts.prompts > 0} />
        {dataset.counts.prompts === 0 ? (
          <EmptyState icon={<InboxIcon className="size-10" />} title="This dataset has no prompts yet">
            <p>Add prompts by importing a file into it:</p>
            <div className="mx-auto mt-4 max-w-lg">
              <CliSnippet command={`npm run winnow -- import data.jsonl --dataset ${dataset.name}`} />
            </div>
          </EmptyState>
        ) : (
          <HydrationBoundary state={dehydrate(queryClient)}>
            <PromptsBrowser datasetId={id} />
          </HydrationBoundary>
        )}
      </div>
    </PageContainer>
  );
}
