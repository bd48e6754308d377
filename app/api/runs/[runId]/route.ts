import { guardRoute } from '@/lib/auth/guard-route';
import { getRunProgress } from '@/lib/generation/get-run-progress';
import { parseRunIdParam } from '@/lib/generation/run-action-schemas';

export const dynamic = 'force-dynamic';

/** GET /api/runs/:runId → live progress of one generation run (polled by the run page). */
export const GET = guardRoute<{ params: Promise<{ runId: string }> }>('viewer', async (_request, { params }) => {
  const runId = parseRunIdParam((await params).runId);
  if (!runId) return Response.json({ message: 'run id must be a positive integer' }, { status: 400 });
  const progress = await getRunProgress(runId);
  if (!progress) return Response.json({ message: `No run with id ${runId}.` }, { status: 404 });
  return Response.json(progress, { headers: { 'cache-control': 'no-store' } });
});
