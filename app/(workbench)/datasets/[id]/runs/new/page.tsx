import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { RunsBreadcrumb } from '@/components/runs/runs-breadcrumb';
import { StartRunForm } from '@/components/runs/start-run-form';
import { PageContainer } from '@/components/shell/top-bar';
import { EmptyState } from '@/components/ui/empty-state';
import { formatNumber } from '@/components/ui/format';
import { requirePageRole } from '@/lib/auth/require-page-role';
import { roleAtLeast } from '@/lib/auth/roles';
import { getDataset } from '@/lib/datasets/get-dataset';
import { listEndpoints } from '@/lib/endpoints/manage-endpoints';
import { parseIdParam } from '@/lib/prompts/schemas';
import { startRunAction } from '../actions';

export const metadata: Metadata = { title: 'Start generation' };
export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

export default async function NewRunPage({ params }: Props) {
  const rawId = (await params).id;
  const user = await requirePageRole('curator', `/datasets/${encodeURIComponent(rawId)}/runs/new`);
  const id = parseIdParam(rawId);
  if (!id) notFound();
  const [dataset, endpoints] = await Promise.all([getDataset(id), listEndpoints()]);
  if (!dataset) notFound();

  return (
    <PageContainer>
      <div className="mx-auto max-w-4xl space-y-5">
        <div>
          <RunsBreadcrumb
            steps={[
              { label: 'Datasets', href: '/datasets' },
              { label: dataset.name, href: `/datasets/${id}` },
              { label: 'Runs', href: `/datasets/${id}/runs` },
              { label: 'New' },
            ]}
          />
          <h1 className="mt-0.5 text-xl font-semibold tracking-tight text-zinc-900">Start generation</h1>
          <p className="mt-1 text-sm text-zinc-600">
            Ask a model for N candidate answers to each of the {formatNumber(dataset.counts.prompts)} prompts of “{dataset.name}”. The run goes on in the
            background; you can leave this page.
          </p>
        </div>
        {endpoints.length === 0 ? (
          <EmptyState title="No endpoints yet">
            {roleAtLeast(user.role, 'admin') ? (
              <>
                Add the model server that will write the candidates on{' '}
                <Link href="/endpoints" className="font-medium text-indigo-700 hover:underline">
                  Endpoints
                </Link>
                .
              </>
            ) : (
              <>
                An admin adds one on{' '}
                <Link href="/endpoints" className="font-medium text-indigo-700 hover:underline">
                  Endpoints
                </Link>
                .
              </>
            )}
          </EmptyState>
        ) : dataset.counts.prompts === 0 ? (
          <EmptyState title="This dataset has no prompts yet">Import prompts first; then generate candidates for them.</EmptyState>
        ) : (
          <StartRunForm
            datasetId={id}
            datasetName={dataset.name}
            endpoints={endpoints.map((e) => ({ id: e.id, name: e.name, model: e.model, keyStatus: e.keyStatus, supportsN: e.supportsN }))}
            action={startRunAction}
          />
        )}
      </div>
    </PageContainer>
  );
}
