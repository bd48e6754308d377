import type { Metadata } from 'next';
import { DatasetsEmpty } from '@/components/datasets/datasets-empty';
import { DatasetsTable } from '@/components/datasets/datasets-table';
import { PageContainer } from '@/components/shell/top-bar';
import { ButtonLink } from '@/components/ui/button';
import { UploadIcon } from '@/components/ui/icons';
import { requirePageRole } from '@/lib/auth/require-page-role';
import { roleAtLeast } from '@/lib/auth/roles';
import { listDatasets } from '@/lib/datasets/list-datasets';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Datasets' };

export default async function DatasetsPage() {
  const user = await requirePageRole('viewer', '/datasets');
  const canImport = roleAtLeast(user.role, 'curator');
  const datasets = await listDatasets();
  return (
    <PageContainer>
      <div className="mb-5 flex items-end justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold tracking-tight text-zinc-900">Datasets</h1>
          <p className="mt-0.5 text-sm text-zinc-500">Prompts and their candidate answers, from import to curated training data.</p>
        </div>
        {datasets.length > 0 && canImport && (
          <ButtonLink href="/datasets/import" variant="primary">
            <UploadIcon className="size-4" />
            Import data
          </ButtonLink>
        )}
      </div>
      {datasets.length ? <DatasetsTable datasets={datasets} /> : <DatasetsEmpty canImport={canImport} />}
    </PageContainer>
  );
}
