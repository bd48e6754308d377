import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ReviewBoard } from '@/components/review/review-board';
import { PageContainer } from '@/components/shell/top-bar';
import { currentUser } from '@/lib/auth/current-user';
import { requirePageRole } from '@/lib/auth/require-page-role';
import { roleAtLeast } from '@/lib/auth/roles';
import { parseIdParam } from '@/lib/prompts/schemas';
import { getBoard } from '@/lib/review/get-board';
import { reviewKeys } from '@/lib/review/query-keys';
import { parseQueueQuery } from '@/lib/review/schemas';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string; promptId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const p = await params;
  if (!(await currentUser())) return { title: 'Review' };
  const datasetId = parseIdParam(p.id);
  const promptId = parseIdParam(p.promptId);
  const board = datasetId && promptId ? await getBoard(datasetId, promptId) : null;
  return { title: board ? `Review ${board.prompt.externalId} · ${board.prompt.datasetName}` : 'Prompt not found' };
}

export default async function ReviewBoardPage({ params, searchParams }: Props) {
  const p = await params;
  const user = await requirePageRole('viewer', `/datasets/${encodeURIComponent(p.id)}/review/${encodeURIComponent(p.promptId)}`);
  const datasetId = parseIdParam(p.id);
  const promptId = parseIdParam(p.promptId);
  if (!datasetId || !promptId) notFound();
  const queue = parseQueueQuery(await searchParams);
  const queryClient = new QueryClient();
  const board = await getBoard(datasetId, promptId);
  if (!board) notFound();
  queryClient.setQueryData(reviewKeys.board(datasetId, promptId), JSON.parse(JSON.stringify(board)));
  return (
    <PageContainer>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <ReviewBoard datasetId={datasetId} promptId={promptId} me={{ id: user.id, name: user.name || user.email }} canEdit={roleAtLeast(user.role, 'curator')} queue={{ ...queue, after: undefined }} />
      </HydrationBoundary>
    </PageContainer>
  );
}
