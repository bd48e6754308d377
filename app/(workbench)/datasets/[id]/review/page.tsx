import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ReviewQueue } from '@/components/review/review-queue';
import { PageContainer } from '@/components/shell/top-bar';
import { currentUser } from '@/lib/auth/current-user';
import { requirePageRole } from '@/lib/auth/require-page-role';
import { roleAtLeast } from '@/lib/auth/roles';
import { getDataset } from '@/lib/datasets/get-dataset';
import { parseIdParam } from '@/lib/prompts/schemas';
import { lastBulk } from '@/lib/review/bulk-actions';
import { getProgress } from '@/lib/review/get-progress';
import { listQueue } from '@/lib/review/list-queue';
import { listReviewEvaluators } from '@/lib/review/list-evaluators';
import { reviewKeys } from '@/lib/review/query-keys';
import { parseQueueQuery } from '@/lib/review/schemas';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = parseIdParam((await params).id);
  if (!(await currentUser())) return { title: 'Review' };
  const dataset = id ? await getDataset(id) : null;
  return { title: dataset ? `Review · ${dataset.name}` : 'Dataset not found' };
}

export default async function ReviewQueuePage({ params, searchParams }: Props) {
  const rawId = (await params).id;
  const user = await requirePageRole('viewer', `/datasets/${encodeURIComponent(rawId)}/review`);
  const id = parseIdParam(rawId);
  if (!id) notFound();
  const [dataset, query] = await Promise.all([getDataset(id), searchParams.then(parseQueueQuery)]);
  if (!dataset) notFound();
  const base = { ...query, after: undefined };
  const queryClient = new QueryClient();
  const [evaluators] = await Promise.all([
    listReviewEvaluators(id),
    queryClient.prefetchInfiniteQuery({ queryKey: reviewKeys.queue(id, base), queryFn: () => listQueue(id, base), initialPageParam: null as string | null, getNextPageParam: (last) => last.nextCursor }),
    queryClient.prefetchQuery({
      queryKey: reviewKeys.progress(id),
      queryFn: async () => JSON.parse(JSON.stringify({ ...(await getProgress(id)), lastBulk: await lastBulk(id) })),
    }),
  ]);

  return (
    <PageContainer>
      <div className="space-y-5">
        <div>
          <nav aria-label="Breadcrumb" className="text-sm text-zinc-500">
            <Link href="/datasets" className="hover:text-zinc-800 hover:underline">Datasets</Link>
            <span aria-hidden className="mx-1.5 text-zinc-300">/</span>
            <Link href={`/datasets/${id}`} className="hover:text-zinc-800 hover:underline">{dataset.name}</Link>
            <span aria-hidden className="mx-1.5 text-zinc-300">/</span>
          </nav>
          <h1 className="mt-0.5 text-xl font-semibold tracking-tight text-zinc-900">Review</h1>
          <p className="mt-0.5 text-sm text-zinc-500">Each prompt with all its candidates, most uncertain first. Decisions save at once; two curators never get the same prompt.</p>
        </div>
        <HydrationBoundary state={dehydrate(queryClient)}>
          <ReviewQueue datasetId={id} evaluators={evaluators} canEdit={roleAtLeast(user.role, 'curator')} />
        </HydrationBoundary>
      </div>
    </PageContainer>
  );
}
