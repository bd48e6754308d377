import { guardRoute } from '@/lib/auth/guard-route';
import { getBoard } from '@/lib/review/get-board';
import { parseIdParam } from '@/lib/prompts/schemas';

export const dynamic = 'force-dynamic';

/** GET /api/review/:datasetId/prompts/:promptId → the review board of one prompt. */
export const GET = guardRoute<{ params: Promise<{ id: string; promptId: string }> }>('viewer', async (_request, { params }) => {
  const p = await params;
  const datasetId = parseIdParam(p.id);
  const promptId = parseIdParam(p.promptId);
  if (!datasetId || !promptId) return Response.json({ message: 'ids must be positive integers' }, { status: 400 });
  const board = await getBoard(datasetId, promptId);
  if (!board) return Response.json({ message: 'This prompt is not in this dataset.' }, { status: 404 });
  return Response.json(board);
});
