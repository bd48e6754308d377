import 'server-only';
// "Create export" on the exports page: the new version's bytes go to the browser as they are written,
// teed to the version's file on the server (so the version record, its sha256 and manifest.json are
// written exactly as for any export, once the last byte is out). Headers leave at once; progress goes
// to the registry the page polls. A browser that cancels the download cancels the export (no version).
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { SessionUser } from '../auth/current-user';
import { getDataset } from '../datasets/get-dataset';
import { supportsParquet } from './formats';
import { attachment } from './http';
import { trackExport } from './progress-registry';
import { runExport, serverExportFile } from './run-export';
import type { ExportRequest } from './schemas';

export async function streamExportDownload(args: { datasetId: number; request: ExportRequest; user: SessionUser; token: string }): Promise<Response> {
  const { datasetId, request, user, token } = args;
  const track = trackExport(token, user.id);
  // 204: the exports page submits by navigation, and a 204 leaves it in place (the reason is polled).
  const refuse = (message: string) => {
    track.failed(message);
    return new Response(null, { status: 204, headers: { 'x-export-error': encodeURIComponent(message) } });
  };
  const dataset = await getDataset(datasetId);
  if (!dataset) return refuse('That dataset no longer exists.');
  if (request.parquet && !supportsParquet(request.format)) return refuse(`${request.format} is JSONL only.`);

  const file = serverExportFile(dataset, request);
  const body = new PassThrough({ highWaterMark: 1 << 20 });
  const cancelled = new AbortController();
  body.on('close', () => {
    if (!body.writableFinished) cancelled.abort(new Error('the download was cancelled'));
  });
  runExport({ datasetId, request, file, actor: { userId: user.id, label: user.email }, tee: body, signal: cancelled.signal, onProgress: track.progress }).then(
    (r) => track.done({ version: r.id, rows: r.stats.rows, sha256: r.stats.sha256 }),
    (e: unknown) => {
      track.failed(cancelled.signal.aborted ? 'The download was cancelled; no version was recorded.' : `The export failed: ${e instanceof Error ? e.message : String(e)}`);
      body.destroy(e instanceof Error ? e : new Error(String(e)));
    },
  );
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, {
    headers: {
      'content-type': request.parquet ? 'application/vnd.apache.parquet' : 'application/x-ndjson; charset=utf-8',
      'content-disposition': attachment(path.basename(file)),
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
