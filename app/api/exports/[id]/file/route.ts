import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { guardRoute } from '@/lib/auth/guard-route';
import { attachment } from '@/lib/export/http';
import { getExport } from '@/lib/export/list-exports';
import { exportIdSchema } from '@/lib/export/schemas';

export const dynamic = 'force-dynamic';

/** GET /api/exports/:id/file → the version's file, streamed from disk (never read whole). */
export const GET = guardRoute<{ params: Promise<{ id: string }> }>('viewer', async (_request, { params }) => {
  const id = exportIdSchema.safeParse((await params).id);
  if (!id.success) return Response.json({ message: id.error.issues[0].message }, { status: 400 });
  const found = await getExport(id.data);
  if (!found) return Response.json({ message: 'no such export version' }, { status: 404 });
  const size = found.path ? await stat(found.path).then((s) => s.size, () => null) : null;
  if (!found.path || size === null) return Response.json({ message: 'the file of this version is no longer on the server' }, { status: 410 });
  const body = Readable.toWeb(createReadStream(found.path)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      'content-type': found.dto.parquet ? 'application/vnd.apache.parquet' : 'application/x-ndjson; charset=utf-8',
      'content-length': String(size),
      'content-disposition': attachment(found.dto.file),
      'x-export-sha256': found.dto.sha256,
      'cache-control': 'private, no-store',
    },
  });
});
