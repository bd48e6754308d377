import { guardRoute } from '@/lib/auth/guard-route';
import { listRuns } from '@/lib/generation/list-runs';
import { runListQuerySchema } from '@/lib/generation/run-action-schemas';

export const dynamic = 'force-dynamic';

/** GET /api/runs?datasetId= → the dataset's generation runs, newest first (polled by the runs list). */
export const GET = guardRoute('viewer', async (request) => {
  const parsed = runListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return Response.json({ message: 'datasetId must be a positive integer' }, { status: 400 });
  return Response.json(await listRuns(parsed.data.datasetId), { headers: { 'cache-control': 'no-store' } });
});
