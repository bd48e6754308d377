import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CliSnippet } from '@/components/datasets/cli-snippet';
import { DatasetHeader } from '@/components/datasets/dataset-header';
import { EvaluationPanels } from '@/components/evaluation/evaluators-panel';
import { DatasetTabs } from '@/components/runs/dataset-tabs';
import { PageContainer } from '@/components/shell/top-bar';
import { formatNumber } from '@/components/ui/format';
import { currentUser } from '@/lib/auth/current-user';
import { requirePageRole } from '@/lib/auth/require-page-role';
import { roleAtLeast } from '@/lib/auth/roles';
import { getDataset } from '@/lib/datasets/get-dataset';
import { getEvaluationOverview, listKinds } from '@/lib/evaluation/get-evaluation-overview';
import { parseIdParam } from '@/lib/prompts/schemas';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = parseIdParam((await params).id);
  if (!(await currentUser())) return { title: 'Evaluators' };
  const dataset = id ? await getDataset(id) : null;
  return { title: dataset ? `Evaluators · ${dataset.name}` : 'Dataset not found' };
}

export default async function EvaluatorsPage({ params }: Props) {
  const rawId = (await params).id;
  const user = await requirePageRole('viewer', `/datasets/${encodeURIComponent(rawId)}/evaluators`);
  const id = parseIdParam(rawId);
  if (!id) notFound();
  const [dataset, overview] = await Promise.all([getDataset(id), getEvaluationOverview(id)]);
  if (!dataset || !overview) notFound();
  const canEdit = roleAtLeast(user.role, 'curator');

  return (
    <PageContainer>
      <div className="space-y-6">
        <DatasetHeader dataset={dataset} />
        <DatasetTabs datasetId={id} active="evaluators" promptCount={formatNumber(dataset.counts.prompts)} canGenerate={false} />
        <EvaluationPanels initial={overview} kinds={listKinds()} canEdit={canEdit} />
        <div className="max-w-2xl space-y-2 text-sm text-zinc-600">
          <p>From the command line:</p>
          <CliSnippet command={`npm run winnow -- evaluators add --dataset ${dataset.name} --kind math-answer`} />
          <CliSnippet command={`npm run winnow -- judge --dataset ${dataset.name} --wait`} />
          <CliSnippet command={`npm run winnow -- policy set --dataset ${dataset.name} --threshold 0.7 --top-k 1`} />
        </div>
      </div>
    </PageContainer>
  );
}
