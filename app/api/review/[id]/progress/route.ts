import { guardRoute } from '@/lib/auth/guard-route';
import { lastBulk } from '@/lib/review/bulk-actions';
import { getProgress } from '@/lib/review/get-progress';
import { parseIdParam } from '@/lib/prompts/schemas';

export const dynamic = 'force-dynamic';

/** GET /api/review/:datasetId/progress → reviewed/total, per curator, and the undoable bulk action. */
export const GET = guardRoute<{ params: Promise<{ id: string }> }>('viewer', async (_request, { params }) => {
  const datasetId = parseIdParam((await params).id);
  if (!datasetId) return Response.json({ message: 'dataset id must be a positive integer' }, { status: 400 });
  const [progress, bulk] = await Promise.all([getProgress(datasetId), lastBulk(datasetId)]);
  return Response.json({ ...progress, lastBulk: bulk });
});
