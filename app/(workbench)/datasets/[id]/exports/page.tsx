import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ExportsWorkbench } from '@/components/export/exports-workbench';
import { DatasetHeader } from '@/components/datasets/dataset-header';
import { DatasetTabs } from '@/components/runs/dataset-tabs';
import { PageContainer } from '@/components/shell/top-bar';
import { formatNumber } from '@/components/ui/format';
import { requirePageRole } from '@/lib/auth/require-page-role';
import { roleAtLeast } from '@/lib/auth/roles';
import { getDataset } from '@/lib/datasets/get-dataset';
import { listEvaluatorNames } from '@/lib/export/list-evaluator-names';
import { listExports } from '@/lib/export/list-exports';
import { parseIdParam } from '@/lib/prompts/schemas';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Exports' };

type Props = { params: Promise<{ id: string }> };

export default async function ExportsPage({ params }: Props) {
  const rawId = (await params).id;
  const user = await requirePageRole('viewer', `/datasets/${encodeURIComponent(rawId)}/exports`);
  const id = parseIdParam(rawId);
  if (!id) notFound();
  const [dataset, versions, evaluators] = await Promise.all([getDataset(id), listExports(id), listEvaluatorNames(id)]);
  if (!dataset) notFound();
  const curator = roleAtLeast(user.role, 'curator');

  return (
    <PageContainer>
      <div className="space-y-6">
        <DatasetHeader dataset={dataset} />
        <DatasetTabs datasetId={id} active="exports" promptCount={formatNumber(dataset.counts.prompts)} canGenerate={curator && dataset.counts.prompts > 0} />
        <p className="text-sm text-zinc-600">
          Training files in the formats trainers read. Every export is kept as a version with its manifest (filters, policy, evaluators, models, reviewers, sha256).
        </p>
        <ExportsWorkbench datasetId={id} evaluators={evaluators} initialVersions={versions} canCreate={curator} />
      </div>
    </PageContainer>
  );
}
