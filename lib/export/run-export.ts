import 'server-only';
// An export version from start to end: stream the rows to `<file>.partial`, rename it into place,
// record the immutable Export row (manifest, sha256, digest), write the manifest beside the file.
// Used by the CLI (`--out file`) and the exports page (a file under the export directory).
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { pgPool } from '../db/pool';
import { loadExportContext, loadReviewers } from './load-context';
import { buildManifest, manifestPathFor, type ExportActor, type ExportManifest } from './manifest';
import type { ExportRequest } from './schemas';
import { TeeWritable } from './tee-writable';
import { streamExport, type ExportProgress, type ExportStats, type StreamOptions } from './stream-export';

export class ExportError extends Error {}

export type ExportResult = { id: number; file: string; manifestPath: string; manifest: ExportManifest; stats: ExportStats };

export async function runExport(opts: {
  datasetId: number;
  request: ExportRequest;
  file: string;
  actor: ExportActor;
  onProgress?: (p: ExportProgress) => void;
  signal?: AbortSignal;
  /** Extra destination of the same bytes while they are written (the HTTP response of a download). */
  tee?: Writable;
  engine?: StreamOptions['engine'];
}): Promise<ExportResult> {
  const pool = pgPool();
  const info = await loadExportContext(pool, opts.datasetId);
  if (!info) throw new ExportError(`no dataset with id ${opts.datasetId}`);
  const file = path.resolve(opts.file);
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  const fileOut = createWriteStream(partial, { highWaterMark: 1 << 20 });
  const out = opts.tee ? new TeeWritable([fileOut, opts.tee]) : fileOut;
  // A failure of either side reaches the writer through drained()/close; never as an unhandled 'error'.
  out.on('error', () => {});
  let stats: ExportStats;
  try {
    stats = await streamExport({
      datasetId: opts.datasetId,
      request: opts.request,
      ctx: info.ctx,
      out,
      totalPrompts: info.totalPrompts,
      onProgress: opts.onProgress,
      signal: opts.signal,
      engine: opts.engine,
    });
    out.end();
    await finished(out);
    await rename(partial, file);
  } catch (e) {
    out.destroy();
    await rm(partial, { force: true });
    throw e;
  }
  const createdAt = new Date();
  const manifest = buildManifest({ info, request: opts.request, stats, file: path.basename(file), reviewers: await loadReviewers(pool, opts.datasetId), actor: opts.actor, createdAt });
  const { rows } = await pool.query<{ id: number }>(
    `INSERT INTO exports (dataset_id, format, filters, row_count, sha256, manifest, path, prompt_digest, created_by_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [
      opts.datasetId,
      opts.request.format,
      JSON.stringify({ ...opts.request.filters, parquet: opts.request.parquet }),
      stats.rows,
      stats.sha256,
      JSON.stringify(manifest),
      file,
      stats.digest,
      opts.actor.userId,
      createdAt,
    ],
  );
  const row = rows[0];
  const manifestPath = manifestPathFor(file);
  const withVersion = { ...manifest, version: row.id };
  await writeFile(manifestPath, JSON.stringify(withVersion, null, 2) + '\n');
  return { id: row.id, file, manifestPath, manifest: withVersion, stats };
}

/** How many rows (and examples, and skips) a selection yields, without writing anything. */
export async function countExport(datasetId: number, request: ExportRequest, engine?: StreamOptions['engine']) {
  const info = await loadExportContext(pgPool(), datasetId);
  if (!info) throw new ExportError(`no dataset with id ${datasetId}`);
  const stats = await streamExport({ datasetId, request: { ...request, parquet: false }, ctx: info.ctx, out: null, engine });
  return { rows: stats.rows, examples: stats.examples, prompts: stats.prompts, skipped: stats.skipped };
}

/** Where the exports page keeps the files it creates (WINNOW_EXPORT_DIR, default .data/exports). */
export function exportDir(): string {
  return path.resolve(process.env.WINNOW_EXPORT_DIR ?? path.join(process.cwd(), '.data', 'exports'));
}

export function serverExportFile(dataset: { id: number; name: string }, request: ExportRequest, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  const safe = dataset.name.replace(/[^\w.-]+/g, '_').slice(0, 60) || 'dataset';
  const ext = request.parquet ? 'parquet' : 'jsonl';
  const unique = Math.random().toString(36).slice(2, 8);
  return path.join(exportDir(), String(dataset.id), `${stamp}-${unique}`, `${safe}-${request.format}.${ext}`);
}
