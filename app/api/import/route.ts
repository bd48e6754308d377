import { guardRoute } from '@/lib/auth/guard-route';
import { importUpload } from '@/lib/import/import-upload';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Upload a JSONL / CSV / Parquet file into a dataset (multipart: dataset, file, map?, description?).
 * 201 {ok, datasetId, …counts} · 422 {ok: false, errors, errorCount} · 400/413 {ok: false, message}.
 * The file is streamed to a temp file, never held in memory.
 */
export const POST = guardRoute('curator', async (request) => {
  const { status, body } = await importUpload(request);
  return Response.json(body, { status });
});
