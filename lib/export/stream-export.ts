import 'server-only';
// The export engine: prompts in batches from the keyset cursor → rows per prompt → JSONL or Parquet
// bytes → the output stream (a file or an HTTP response), with back-pressure, a running sha256 and
// the per-prompt digest. With no output it only counts (the preview): same code, no content read.
import { createHash } from 'node:crypto';
import type { Writable } from 'node:stream';
import { pgPool } from '../db/pool';
import { ParquetEncoder } from './encode-parquet';
import { FORMATS } from './formats';
import { DigestBuilder, hashPromptRows } from './prompt-digest';
import { readPromptBatches } from './read-prompts';
import { rowsForPrompt } from './rows-for-prompt';
import type { ExportRequest } from './schemas';
import { statusesFor } from './select-candidates';
import { isSqlFormat } from './sft-sql';
import { streamSqlExport } from './stream-sql-export';
import type { ExportContext } from './types';

export type ExportProgress = { prompts: number; totalPrompts: number; rows: number; bytes: number };

export type ExportStats = {
  /** Prompts read. */
  prompts: number;
  /** Prompts that gave at least one row. */
  examples: number;
  rows: number;
  /** Reason → examples left out (e.g. multi-turn for alpaca). */
  skipped: Record<string, number>;
  /** The first few prompts with a skipped example, for the report. */
  skippedSamples: { prompt_id: string; reason: string }[];
  runIds: number[];
  bytes: number;
  sha256: string;
  digest: Buffer | null;
};

export type StreamOptions = {
  datasetId: number;
  request: ExportRequest;
  ctx: ExportContext;
  /** Where the bytes go; null = count only. */
  out: Writable | null;
  totalPrompts?: number;
  onProgress?: (p: ExportProgress) => void;
  signal?: AbortSignal;
  /** 'ts' forces the TypeScript serializers (tests compare both paths byte for byte). */
  engine?: 'auto' | 'ts';
};

const PROGRESS_EVERY_MS = 250;
const SKIPPED_SAMPLES = 20;

export async function streamExport(opts: StreamOptions): Promise<ExportStats> {
  // SFT formats as JSONL (and their counts): PostgreSQL builds the lines, see stream-sql-export.ts.
  const format = opts.request.format;
  if (isSqlFormat(format) && !(opts.request.parquet && opts.out) && opts.engine !== 'ts') {
    const { request, ctx, out } = opts;
    const stats = await streamSqlExport({ pool: pgPool(), datasetId: opts.datasetId, format, filters: request.filters, ctx, out, totalPrompts: opts.totalPrompts, onProgress: opts.onProgress, signal: opts.signal, drained });
    if (stats) return stats;
  }
  return streamRows(opts);
}

/** The TypeScript path: every format, Parquet, and prompts whose messages are not plain strings. */
async function streamRows(opts: StreamOptions): Promise<ExportStats> {
  const { request, ctx, out } = opts;
  const format = FORMATS[request.format];
  const filters = request.filters;
  const parquet = request.parquet && out ? (format.parquet ? new ParquetEncoder(format.parquet) : null) : null;
  if (request.parquet && !format.parquet) throw new Error(`format ${format.name} has no Parquet variant (JSONL only)`);

  const reader = readPromptBatches(pgPool(), {
    datasetId: opts.datasetId,
    statuses: format.kind === 'dpo' ? null : statusesFor(filters.status),
    scores: format.kind === 'raw' || (format.kind === 'dpo' && ctx.gates.length > 0) || filters.evaluators.length > 0,
    decisions: format.kind === 'raw',
    details: format.kind === 'raw',
    content: out !== null,
  });

  const stats: ExportStats = { prompts: 0, examples: 0, rows: 0, skipped: {}, skippedSamples: [], runIds: [], bytes: 0, sha256: '', digest: null };
  const runIds = new Set<number>();
  const hash = createHash('sha256');
  const digest = out ? new DigestBuilder() : null;
  let lastProgress = 0;

  const write = async (chunks: Uint8Array[]) => {
    for (const chunk of chunks) {
      if (!chunk.length) continue;
      hash.update(chunk);
      stats.bytes += chunk.length;
      if (!out!.write(chunk)) await drained(out!);
    }
  };

  for await (const batch of reader) {
    opts.signal?.throwIfAborted();
    let text = '';
    for (const prompt of batch) {
      stats.prompts++;
      const r = rowsForPrompt(prompt, format, filters, ctx);
      for (const [reason, n] of Object.entries(r.skipped)) {
        stats.skipped[reason] = (stats.skipped[reason] ?? 0) + n;
        if (stats.skippedSamples.length < SKIPPED_SAMPLES) stats.skippedSamples.push({ prompt_id: prompt.externalId, reason });
      }
      if (!r.rows.length) continue;
      stats.examples++;
      stats.rows += r.rows.length;
      for (const id of r.runIds) runIds.add(id);
      if (!out) continue;
      let lines = '';
      for (const row of r.rows) lines += JSON.stringify(row) + '\n';
      digest!.add(prompt.externalId, hashPromptRows(lines));
      if (parquet) await write(await parquet.push(r.rows));
      else text += lines;
    }
    if (text) await write([Buffer.from(text, 'utf8')]);
    const now = Date.now();
    if (opts.onProgress && now - lastProgress >= PROGRESS_EVERY_MS) {
      lastProgress = now;
      opts.onProgress({ prompts: stats.prompts, totalPrompts: opts.totalPrompts ?? 0, rows: stats.rows, bytes: stats.bytes });
    }
  }
  if (parquet) await write(await parquet.end());
  opts.onProgress?.({ prompts: stats.prompts, totalPrompts: opts.totalPrompts ?? stats.prompts, rows: stats.rows, bytes: stats.bytes });
  stats.runIds = [...runIds].sort((a, b) => a - b);
  stats.sha256 = hash.digest('hex');
  stats.digest = digest?.finish() ?? null;
  return stats;
}

/** Waits until the stream wants more, or fails if it is closed first (e.g. the client went away). */
function drained(out: Writable): Promise<void> {
  if (out.destroyed || out.errored) return Promise.reject(out.errored ?? new Error('the output was closed before the export finished'));
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', done);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new Error('the output was closed before the export finished'));
    out.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', done);
  });
}
