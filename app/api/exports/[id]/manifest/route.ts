import { guardRoute } from '@/lib/auth/guard-route';
import { attachment } from '@/lib/export/http';
import { getExport } from '@/lib/export/list-exports';
import { manifestPathFor } from '@/lib/export/manifest';
import { exportIdSchema } from '@/lib/export/schemas';

export const dynamic = 'force-dynamic';

/** GET /api/exports/:id/manifest → manifest.json of the version (from the database: it is immutable there). */
export const GET = guardRoute<{ params: Promise<{ id: string }> }>('viewer', async (_request, { params }) => {
  const id = exportIdSchema.safeParse((await params).id);
  if (!id.success) return Response.json({ message: id.error.issues[0].message }, { status: 400 });
  const found = await getExport(id.data);
  if (!found) return Response.json({ message: 'no such export version' }, { status: 404 });
  return new Response(JSON.stringify(found.manifest, null, 2) + '\n', {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': attachment(manifestPathFor(found.dto.file)),
      'cache-control': 'private, no-store',
    },
  });
});
