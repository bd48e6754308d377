import { guardRoute } from '@/lib/auth/guard-route';
import { listQueue } from '@/lib/review/list-queue';
import { parseQueueQuery } from '@/lib/review/schemas';
import { parseIdParam } from '@/lib/prompts/schemas';

export const dynamic = 'force-dynamic';

/** GET /api/review/:datasetId/queue?order=&seed=&q=&status=&reviewed=&min=&max=&evaluator=&result=&after=&limit= → one page of the review queue. */
export const GET = guardRoute<{ params: Promise<{ id: string }> }>('viewer', async (request, { params }) => {
  const datasetId = parseIdParam((await params).id);
  if (!datasetId) return Response.json({ message: 'dataset id must be a positive integer' }, { status: 400 });
  return Response.json(await listQueue(datasetId, parseQueueQuery(new URL(request.url).searchParams)));
});
