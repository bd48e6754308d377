import { guardRoute } from '@/lib/auth/guard-route';
import { loadDatasetStats } from '@/lib/insight/load-dataset-stats';
import { statsQuerySchema } from '@/lib/insight/schemas';
import { parseIdParam } from '@/lib/prompts/schemas';

export const dynamic = 'force-dynamic';

/** GET /api/insight/:datasetId?targetPrecision= → the dataset's Insight figures (DatasetStats). */
export const GET = guardRoute<{ params: Promise<{ id: string }> }>('viewer', async (request, { params }) => {
  const datasetId = parseIdParam((await params).id);
  if (!datasetId) return Response.json({ message: 'dataset id must be a positive integer' }, { status: 400 });
  const query = statsQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return Response.json({ message: `targetPrecision ${query.error.issues[0]?.message ?? 'is invalid'}` }, { status: 400 });
  const result = await loadDatasetStats({ id: datasetId }, query.data);
  if (!result) return Response.json({ message: 'no such dataset' }, { status: 404 });
  return Response.json(result.stats);
});
