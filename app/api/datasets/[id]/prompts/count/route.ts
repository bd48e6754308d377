import { guardRoute } from '@/lib/auth/guard-route';
import { countPrompts } from '@/lib/prompts/list-prompts';
import { parseIdParam, parsePromptListQuery } from '@/lib/prompts/schemas';

export const dynamic = 'force-dynamic';

/** GET /api/datasets/:id/prompts/count?q=&status= → {count, capped}: how many prompts match. */
export const GET = guardRoute<{ params: Promise<{ id: string }> }>('viewer', async (request, { params }) => {
  const datasetId = parseIdParam((await params).id);
  if (!datasetId) return Response.json({ message: 'dataset id must be a positive integer' }, { status: 400 });
  return Response.json(await countPrompts(datasetId, parsePromptListQuery(new URL(request.url).searchParams)));
});
