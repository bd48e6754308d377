import { z } from 'zod';
import { guardRoute } from '@/lib/auth/guard-route';
import { previewBulk } from '@/lib/review/bulk-actions';
import { BULK_KINDS, parseQueueQuery } from '@/lib/review/schemas';
import { parseIdParam } from '@/lib/prompts/schemas';

export const dynamic = 'force-dynamic';

const kindSchema = z.enum(BULK_KINDS);

/** GET /api/review/:datasetId/bulk-preview?kind=&<queue filter> → how many candidates a bulk action would change. */
export const GET = guardRoute<{ params: Promise<{ id: string }> }>('curator', async (request, { params }) => {
  const datasetId = parseIdParam((await params).id);
  if (!datasetId) return Response.json({ message: 'dataset id must be a positive integer' }, { status: 400 });
  const search = new URL(request.url).searchParams;
  const kind = kindSchema.safeParse(search.get('kind') ?? 'approve-accepted');
  if (!kind.success) return Response.json({ message: `kind must be one of ${BULK_KINDS.join(', ')}` }, { status: 400 });
  return Response.json(await previewBulk(datasetId, kind.data, parseQueueQuery(search)));
});
