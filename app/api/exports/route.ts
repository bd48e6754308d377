import { guardRoute } from '@/lib/auth/guard-route';
import { listExports } from '@/lib/export/list-exports';
import { parseIdParam } from '@/lib/prompts/schemas';

export const dynamic = 'force-dynamic';

/** GET /api/exports?datasetId= → {versions}: the dataset's export versions, newest first. */
export const GET = guardRoute('viewer', async (request) => {
  const datasetId = parseIdParam(new URL(request.url).searchParams.get('datasetId') ?? '');
  if (!datasetId) return Response.json({ message: 'datasetId must be a positive integer' }, { status: 400 });
  return Response.json({ versions: await listExports(datasetId) });
});
