import { guardRoute } from '@/lib/auth/guard-route';
import { getEvaluationOverview } from '@/lib/evaluation/get-evaluation-overview';
import { parseIdParam } from '@/lib/prompts/schemas';

export const dynamic = 'force-dynamic';

/** GET /api/datasets/:id/evaluation → evaluators with progress, the policy and verdict counts (polled while judging). */
export const GET = guardRoute<{ params: Promise<{ id: string }> }>('viewer', async (_request, { params }) => {
  const datasetId = parseIdParam((await params).id);
  if (!datasetId) return Response.json({ message: 'dataset id must be a positive integer' }, { status: 400 });
  const overview = await getEvaluationOverview(datasetId);
  if (!overview) return Response.json({ message: 'no such dataset' }, { status: 404 });
  return Response.json(overview);
});
