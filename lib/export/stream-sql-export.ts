import 'server-only';
// The fast path of the SFT formats as JSONL: PostgreSQL selects the rows and gives each answer with
// its prompt's part of the line as JSON text (sft-sql.ts), streamed with `COPY (…) TO STDOUT (FORMAT
// binary)`; here every line is assembled straight into 1 MB output buffers (sft-line.ts: bytes copied,
// never decoded to strings) that go to the output with back-pressure, while the
// running sha256, the byte count, the per-prompt digest, the skip counts and the runs used are taken
// from the same stream. One REPEATABLE READ snapshot covers the prompt count and the COPY.
import { createHash, hash, type Hash } from 'node:crypto';
import type { Writable } from 'node:stream';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { BinaryCopyReader } from './copy-binary';
import { jsTrimWhitespace } from './js-whitespace';
import { DigestBuilder } from './prompt-digest';
import type { ExportFilters } from './schemas';
import { SftLineWriter } from './sft-line';
import { JOIN_SETTINGS, NOT_PLAIN_SQL, SFT_FIELDS, sftSelectSql, type SqlFormat } from './sft-sql';
import type { ExportProgress, ExportStats } from './stream-export';
import type { ExportContext } from './types';

const OUT_BUFFER = 1 << 20;
const PROGRESS_EVERY_MS = 250;
const SKIPPED_SAMPLES = 20;
const F = SFT_FIELDS;

export type SqlStreamOptions = {
  pool: pg.Pool;
  datasetId: number;
  format: SqlFormat;
  filters: ExportFilters;
  ctx: ExportContext;
  /** Where the bytes go; null = count only (one aggregate query, nothing streamed). */
  out: Writable | null;
  totalPrompts?: number;
  onProgress?: (p: ExportProgress) => void;
  signal?: AbortSignal;
  /** Waits until the output wants more (or fails if it closed): stream-export's drained(). */
  drained: (out: Writable) => Promise<void>;
};

/** The run → system prompt map promptTurns() would apply (a non-blank string in the run's params). */
export function runSystems(ctx: ExportContext): Map<number, string> {
  const out = new Map<number, string>();
  for (const [id, run] of ctx.runs) {
    const s = run.params?.system;
    if (typeof s === 'string' && s.trim()) out.set(id, s);
  }
  return out;
}

/** Runs `fn` on one connection inside a read-only REPEATABLE READ transaction. */
async function inSnapshot<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // Index scans only, so a table not analyzed yet (fresh import) never gets a sequential scan; no
    // parallel workers. (The join settings of the export statement come later: JOIN_SETTINGS.)
    await client.query('SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL enable_seqscan = off');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    broken = e instanceof Error ? e : new Error(String(e));
    throw e;
  } finally {
    // After a failed or abandoned COPY the connection state is unknown: drop it rather than reuse it.
    client.release(broken);
  }
}

/**
 * Streams the export through SQL, or returns null when the dataset has a prompt whose messages are not
 * plain {role, content} strings (the caller then uses the TypeScript path, which handles anything).
 */
export async function streamSqlExport(o: SqlStreamOptions): Promise<ExportStats | null> {
  const sqlOpts = { datasetId: o.datasetId, format: o.format, filters: o.filters, whitespace: jsTrimWhitespace() };
  return inSnapshot(o.pool, async (client) => {
    const check = await client.query<{ not_plain: boolean; prompts: number }>(
      `SELECT (${NOT_PLAIN_SQL}), (SELECT count(*)::int FROM prompts WHERE dataset_id = $1) AS prompts`,
      [o.datasetId],
    );
    if (check.rows[0].not_plain) return null;
    const totalPrompts = check.rows[0].prompts;
    await client.query(JOIN_SETTINGS);
    if (!o.out) return countOnly(client, sftSelectSql(sqlOpts, true), totalPrompts);
    return copyLines(client, sftSelectSql(sqlOpts), { ...o, out: o.out, totalPrompts });
  });
}

async function countOnly(client: pg.PoolClient, select: string, totalPrompts: number): Promise<ExportStats> {
  const { rows } = await client.query<{ skip: string | null; n: number; prompts: number }>(
    `SELECT skip, count(*)::int AS n, count(DISTINCT ord)::int AS prompts FROM (${select}) x GROUP BY skip`,
  );
  const stats = emptyStats(totalPrompts);
  for (const r of rows) {
    if (r.skip === null) {
      stats.rows = r.n;
      stats.examples = r.prompts;
    } else stats.skipped[r.skip] = r.n;
  }
  return stats;
}

function emptyStats(prompts: number): ExportStats {
  return { prompts, examples: 0, rows: 0, skipped: {}, skippedSamples: [], runIds: [], bytes: 0, sha256: '', digest: null };
}

type CopyOptions = Omit<SqlStreamOptions, 'out' | 'pool'> & { out: Writable; totalPrompts: number };

async function copyLines(client: pg.PoolClient, select: string, o: CopyOptions): Promise<ExportStats> {
  const stats = emptyStats(o.totalPrompts);
  const fileHash = createHash('sha256');
  const digest = new DigestBuilder();
  const runIds = new Set<number>();
  const reader = new BinaryCopyReader(Object.keys(F).length);
  const lines = new SftLineWriter(o.format, runSystems(o.ctx));

  let buf = Buffer.allocUnsafe(OUT_BUFFER);
  let pos = 0;
  const ready: Buffer[] = [];

  // The prompt being read: its ordinal, id, where its lines start in `buf`, its hash if they straddle buffers.
  let ord = 0;
  let externalId = '';
  let promptRows = 0;
  let promptStart = 0;
  let promptHash: Hash | null = null;
  let reasons: string[] = [];
  let lastRun = -1;

  const rotate = (need: number) => {
    if (pos > 0) {
      if (promptRows > 0 && promptStart < pos) (promptHash ??= createHash('sha256')).update(buf.subarray(promptStart, pos));
      const full = buf.subarray(0, pos);
      fileHash.update(full);
      stats.bytes += pos;
      ready.push(full);
    }
    buf = Buffer.allocUnsafe(Math.max(OUT_BUFFER, need));
    pos = 0;
    promptStart = 0;
  };

  const endPrompt = () => {
    if (promptRows > 0) {
      stats.examples++;
      const tail = buf.subarray(promptStart, pos);
      const h = promptHash ? promptHash.update(tail).digest('hex') : hash('sha256', tail, 'hex');
      digest.add(externalId, h.slice(0, 16));
    }
    promptRows = 0;
    promptHash = null;
    promptStart = pos;
    reasons = [];
  };

  const onTuple = (chunk: Buffer, starts: Int32Array, ends: Int32Array) => {
    const o2 = chunk.readInt32BE(starts[F.ord]);
    if (o2 !== ord) {
      if (o2 < ord) throw new Error('export stream out of prompt order');
      endPrompt();
      ord = o2;
      externalId = chunk.toString('utf8', starts[F.externalId], ends[F.externalId]);
    }
    if (ends[F.skip] !== -1) {
      const reason = chunk.toString('utf8', starts[F.skip], ends[F.skip]);
      stats.skipped[reason] = (stats.skipped[reason] ?? 0) + 1;
      if (!reasons.includes(reason)) {
        reasons.push(reason);
        if (stats.skippedSamples.length < SKIPPED_SAMPLES) stats.skippedSamples.push({ prompt_id: externalId, reason });
      }
      return;
    }
    const run = chunk.readInt32BE(starts[F.runId]);
    if (run !== lastRun) runIds.add((lastRun = run));
    const size = lines.maxLength(starts, ends, run);
    if (pos + size > buf.length) rotate(size);
    pos = lines.write(chunk, starts, ends, run, buf, pos);
    promptRows++;
    stats.rows++;
  };

  const copy = client.query(copyTo(`COPY (${select}) TO STDOUT (FORMAT binary)`));
  let lastProgress = 0;
  try {
    for await (const chunk of copy as AsyncIterable<Buffer>) {
      o.signal?.throwIfAborted();
      reader.push(chunk, onTuple);
      while (ready.length) {
        const b = ready.shift()!;
        if (!o.out.write(b)) await o.drained(o.out);
      }
      const now = Date.now();
      if (o.onProgress && now - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = now;
        o.onProgress({ prompts: Math.max(ord - 1, 0), totalPrompts: o.totalPrompts, rows: stats.rows, bytes: stats.bytes });
      }
    }
  } catch (e) {
    copy.destroy();
    throw e;
  }
  if (!reader.finished) throw new Error('the export stream ended early');
  endPrompt();
  rotate(0);
  for (const b of ready) if (!o.out.write(b)) await o.drained(o.out);
  o.onProgress?.({ prompts: o.totalPrompts, totalPrompts: o.totalPrompts, rows: stats.rows, bytes: stats.bytes });
  stats.runIds = [...runIds].sort((a, b) => a - b);
  stats.sha256 = fileHash.digest('hex');
  stats.digest = digest.finish();
  return stats;
}
