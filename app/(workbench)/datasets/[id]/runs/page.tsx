import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CliSnippet } from '@/components/datasets/cli-snippet';
import { DatasetHeader } from '@/components/datasets/dataset-header';
import { DatasetTabs } from '@/components/runs/dataset-tabs';
import { RunsTable } from '@/components/runs/runs-table';
import { PageContainer } from '@/components/shell/top-bar';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { formatNumber } from '@/components/ui/format';
import { currentUser } from '@/lib/auth/current-user';
import { requirePageRole } from '@/lib/auth/require-page-role';
import { roleAtLeast } from '@/lib/auth/roles';
import { getDataset } from '@/lib/datasets/get-dataset';
import { listRuns } from '@/lib/generation/list-runs';
import { runQueryKeys } from '@/lib/generation/query-keys';
import { parseIdParam } from '@/lib/prompts/schemas';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = parseIdParam((await params).id);
  if (!(await currentUser())) return { title: 'Runs' };
  const dataset = id ? await getDataset(id) : null;
  return { title: dataset ? `Runs · ${dataset.name}` : 'Dataset not found' };
}

export default async function RunsPage({ params }: Props) {
  const rawId = (await params).id;
  const user = await requirePageRole('viewer', `/datasets/${encodeURIComponent(rawId)}/runs`);
  const id = parseIdParam(rawId);
  if (!id) notFound();
  const dataset = await getDataset(id);
  if (!dataset) notFound();
  const canGenerate = roleAtLeast(user.role, 'curator');

  const queryClient = new QueryClient();
  const runs = await queryClient.fetchQuery({ queryKey: runQueryKeys.list(id), queryFn: () => listRuns(id) });

  return (
    <PageContainer>
      <div className="space-y-6">
        <DatasetHeader dataset={dataset} />
        <DatasetTabs datasetId={id} active="runs" promptCount={formatNumber(dataset.counts.prompts)} canGenerate={canGenerate && runs.length > 0} />
        {runs.length === 0 ? (
          <EmptyState
            title="No generation runs yet"
            actions={
              canGenerate ? (
                <ButtonLink href={`/datasets/${id}/runs/new`} variant="primary">
                  Start generation
                </ButtonLink>
              ) : undefined
            }
          >
            <p>A run asks a model for N candidate answers to every prompt{canGenerate ? '' : ' (a curator starts one)'}. From the command line:</p>
            <div className="mx-auto mt-4 max-w-xl">
              <CliSnippet command={`npm run winnow -- generate --dataset ${dataset.name} --endpoint <endpoint> --n 4 --wait`} />
            </div>
          </EmptyState>
        ) : (
          <HydrationBoundary state={dehydrate(queryClient)}>
            <RunsTable datasetId={id} />
          </HydrationBoundary>
        )}
      </div>
    </PageContainer>
  );
}
