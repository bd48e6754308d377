import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { describeParams } from '@/components/runs/run-format';
import { RunProgressView } from '@/components/runs/run-progress-view';
import { RunsBreadcrumb } from '@/components/runs/runs-breadcrumb';
import { PageContainer } from '@/components/shell/top-bar';
import { ButtonLink } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { RelativeTime } from '@/components/ui/relative-time';
import { requirePageRole } from '@/lib/auth/require-page-role';
import { roleAtLeast } from '@/lib/auth/roles';
import { getDataset } from '@/lib/datasets/get-dataset';
import { getRunProgress } from '@/lib/generation/get-run-progress';
import { runQueryKeys } from '@/lib/generation/query-keys';
import { parseRunIdParam } from '@/lib/generation/run-action-schemas';
import { parseIdParam } from '@/lib/prompts/schemas';
import { cancelRunAction, resumeRunAction, retryFailedAction } from '../actions';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string; runId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Run #${(await params).runId}` };
}

export default async function RunPage({ params }: Props) {
  const p = await params;
  const user = await requirePageRole('viewer', `/datasets/${encodeURIComponent(p.id)}/runs/${encodeURIComponent(p.runId)}`);
  const datasetId = parseIdParam(p.id);
  const runId = parseRunIdParam(p.runId);
  if (!datasetId || !runId) notFound();

  const queryClient = new QueryClient();
  const [dataset, run] = await Promise.all([
    getDataset(datasetId),
    queryClient.fetchQuery({ queryKey: runQueryKeys.progress(runId), queryFn: () => getRunProgress(runId) }),
  ]);
  if (!dataset || !run || run.datasetId !== datasetId) notFound();
  const canControl = roleAtLeast(user.role, 'curator');

  return (
    <PageContainer>
      <div className="space-y-5">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <RunsBreadcrumb
              steps={[
                { label: 'Datasets', href: '/datasets' },
                { label: dataset.name, href: `/datasets/${datasetId}` },
                { label: 'Runs', href: `/datasets/${datasetId}/runs` },
                { label: `#${runId}` },
              ]}
            />
            <h1 className="mt-0.5 text-xl font-semibold tracking-tight text-zinc-900">Run #{runId}</h1>
            <p className="mt-1 text-sm text-zinc-600">
              {run.endpointName ?? 'deleted endpoint'}
              {run.model && <span className="font-mono text-xs text-zinc-500"> · {run.model}</span>} · created <RelativeTime date={run.createdAt} />
            </p>
          </div>
          <ButtonLink href={`/datasets/${datasetId}`} variant="secondary" size="sm">
            Browse prompts
          </ButtonLink>
        </div>

        <HydrationBoundary state={dehydrate(queryClient)}>
          <RunProgressView runId={runId} actions={canControl ? { cancel: cancelRunAction, resume: resumeRunAction, retryFailed: retryFailedAction } : null} />
        </HydrationBoundary>

        <Card>
          <CardHeader title="Parameters" />
          <CardBody className="space-y-3">
            <dl className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
              {describeParams(run.params).map(([k, v]) => (
                <div key={k}>
                  <dt className="text-xs text-zinc-500">{k}</dt>
                  <dd className="font-medium text-zinc-900 tabular-nums">{v}</dd>
                </div>
              ))}
              <div>
                <dt className="text-xs text-zinc-500">timeout</dt>
                <dd className="font-medium text-zinc-900 tabular-nums">{run.params.timeoutMs / 1000} s</dd>
              </div>
              <div>
                <dt className="text-xs text-zinc-500">attempts</dt>
                <dd className="font-medium text-zinc-900 tabular-nums">{run.params.maxAttempts}</dd>
              </div>
            </dl>
            {run.params.system && (
              <div>
                <div className="text-xs text-zinc-500">System prompt</div>
                <pre className="mt-1 max-h-40 overflow-auto rounded-md bg-zinc-50 p-2 text-xs whitespace-pre-wrap text-zinc-800">{run.params.system}</pre>
              </div>
            )}
          </CardBody>
        </Card>
      </div>
    </PageContainer>
  );
}
