import { guardRoute } from '@/lib/auth/guard-route';
import { parseExportQuery } from '@/lib/export/http';
import { countExport, ExportError } from '@/lib/export/run-export';

export const dynamic = 'force-dynamic';

/** GET /api/exports/count?datasetId=&format=&… → {rows, examples, prompts, skipped}: what a selection yields. */
export const GET = guardRoute('viewer', async (request) => {
  const parsed = parseExportQuery(new URL(request.url).searchParams);
  if (!parsed.success) return Response.json({ message: parsed.error.issues[0].message }, { status: 400 });
  try {
    return Response.json(await countExport(parsed.data.datasetId, parsed.data.request));
  } catch (e) {
    if (e instanceof ExportError) return Response.json({ message: e.message }, { status: 404 });
    throw e;
  }
});
