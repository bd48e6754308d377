import 'server-only';
// importFile: one JSONL / CSV / Parquet file into a dataset, all or nothing. Records are read as a
// stream, validated, and written in batches with COPY inside one transaction (bulk-writer.ts); on
// any error nothing more is written, the rest of the file is still checked (to report up to 50
// errors and a count), and the transaction is rolled back: the database is as before, including a
// dataset the import would have created.
import path from 'node:path';
import { pgPool } from '../db/pool';
import { BulkWriter } from './bulk-writer';
import { IssueLog } from './issue-log';
import { normalizeRecord } from './normalize-record';
import { finishImportTarget, openImportTarget } from './open-import-target';
import { checkMapping, MappingError, type FieldMapping } from './parse-mapping';
import { openSource } from './open-source';
import type { ImportFormat, ImportIssue } from './types';

export type { ImportIssue, ImportFormat } from './types';
export { parseMapping, MappingError } from './parse-mapping';
export { formatIssue, MAX_COUNTED_ERRORS } from './issue-log';

export type ImportOptions = {
  datasetName: string;
  filePath: string;
  /** Default: from the extension (.jsonl/.json/.ndjson, .csv, .parquet), else sniffed from the content. */
  format?: ImportFormat;
  /** Name used in error messages (default: basename of filePath); the UI passes the uploaded file's name. */
  fileLabel?: string;
  /** target field -> source field, e.g. {prompt: 'question', reference: 'answer'}; dotted paths reach nested fields. */
  mapping?: Record<string, string>;
  /** Longest accepted JSONL line / CSV record. Default 50 MiB, or WINNOW_IMPORT_MAX_LINE_BYTES. */
  maxLineBytes?: number;
  /** Used only when the dataset is created. */
  description?: string;
  onProgress?: (p: { records: number; bytes: number; totalBytes: number }) => void;
};

export type ImportResult =
  | { ok: true; datasetId: number; dataset: string; createdDataset: boolean; prompts: number; candidates: number; scores: number }
  /** The first 50 errors, then the total count (counting stops at MAX_COUNTED_ERRORS). */
  | { ok: false; errors: ImportIssue[]; errorCount: number };

const DEFAULT_MAX_LINE_BYTES = 50 * 1024 * 1024;
const PROGRESS_EVERY_MS = 200;
/**
 * Let the event loop run every so many records. The COPY data of the batch in flight goes out only
 * when it runs (the kernel's socket buffer holds far less than a batch), so a long synchronous stretch
 * of parsing starves PostgreSQL. Measured on 1M candidates: 44 s without, 37 s with (setImmediate
 * costs microseconds; every 8 records is every ~1 ms of parsing).
 */
const YIELD_EVERY = 8;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function importFile(opts: ImportOptions): Promise<ImportResult> {
  const file = opts.fileLabel ?? path.basename(opts.filePath);
  const fail = (message: string, line = 0): ImportResult => ({ ok: false, errors: [{ file, line, message }], errorCount: 1 });

  let mapping: FieldMapping | undefined;
  try {
    mapping = opts.mapping && Object.keys(opts.mapping).length ? checkMapping(opts.mapping) : undefined;
  } catch (e) {
    if (e instanceof MappingError) return fail(e.message);
    throw e;
  }
  if (!opts.datasetName.trim()) return fail('no dataset name given');

  const maxLineBytes = opts.maxLineBytes ?? (Number(process.env.WINNOW_IMPORT_MAX_LINE_BYTES) || DEFAULT_MAX_LINE_BYTES);
  const source = await openSource({ filePath: opts.filePath, fileLabel: file, format: opts.format, mapping, maxLineBytes });
  if ('problem' in source) return fail(source.problem, source.line);
  const { reader, format, totalBytes, bytesRead } = source;
  const unit = format === 'parquet' ? ('row' as const) : undefined;
  const where = unit ?? 'line';

  const log = new IssueLog();
  const add = (issue: Omit<ImportIssue, 'file'>) => log.add({ file, ...issue, ...(unit ? { unit } : {}) });
  const pool = pgPool();
  const client = await pool.connect();
  let broken: Error | undefined;
  // A dropped connection is reported by the query in progress; without a listener it would also be
  // an unhandled 'error' event and take the process down.
  const onClientError = (e: Error) => (broken = e);
  client.on('error', onClientError);
  let writer: BulkWriter | undefined;
  try {
    await client.query('BEGIN');
    const target = await openImportTarget(client, opts.datasetName, opts.description);
    writer = new BulkWriter(client, pool, target, file, (found) => {
      for (const e of found)
        add({
          line: e.line,
          field: 'id',
          message: e.idGenerated
            ? `the same prompt (no id; generated id "${e.externalId}") is already in dataset "${opts.datasetName}"`
            : `id "${e.externalId}" is already in dataset "${opts.datasetName}"`,
        });
    });

    // id -> line of its first record, to name both lines of a duplicate (ids only: ~100 B each).
    const seen = new Map<string, number>();
    let records = 0;
    let lastProgress = 0;

    read: for await (const items of reader) {
      for (const item of items) {
        if ('issue' in item) {
          add({ line: item.line, ...item.issue });
          if (item.fatal || log.full) break read;
          continue;
        }
        records++;
        const result = normalizeRecord(item.record, mapping);
        if (!result.ok) {
          for (const p of result.problems) add({ line: item.line, ...p });
          if (log.full) break read;
          continue;
        }
        const r = result.record;
        const firstLine = seen.get(r.externalId);
        if (firstLine !== undefined) {
          add({
            line: item.line,
            field: 'id',
            message: r.idGenerated
              ? `the same prompt and reference as ${where} ${firstLine} (records without an id get one from their content; give them ids to keep both)`
              : `duplicate id "${r.externalId}" (first on ${where} ${firstLine})`,
          });
          if (log.full) break read;
          continue;
        }
        seen.set(r.externalId, item.line);
        // After the first error nothing more is written; the rest of the file is only checked.
        await writer.add(item.line, r, log.count === 0);
        if (log.full) break read;
        if (records % YIELD_EVERY === 0) await yieldToEventLoop();
      }
      const now = Date.now();
      if (opts.onProgress && now - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = now;
        opts.onProgress({ records, bytes: bytesRead(), totalBytes });
      }
    }
    opts.onProgress?.({ records, bytes: totalBytes, totalBytes });
    if (log.count === 0) await writer.finish();
    if (log.count === 0 && records === 0) add({ line: 0, message: 'file is empty (no records)' });
    if (log.count > 0) {
      await writer.abandon();
      await client.query('ROLLBACK');
      return { ok: false, errors: [...log.issues].sort((a, b) => a.line - b.line), errorCount: log.count };
    }
    await writer.commitSearch();
    await finishImportTarget(client, target);
    await client.query('COMMIT');
    await writer.analyzeSearch();
    return {
      ok: true,
      datasetId: target.datasetId,
      dataset: target.datasetName,
      createdDataset: target.createdDataset,
      prompts: writer.prompts,
      candidates: writer.candidates,
      scores: writer.scores,
    };
  } catch (e) {
    await writer?.settle();
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    await writer?.removeCommittedSearchRows();
    const issue = describeConflict(e, opts.datasetName);
    if (issue) return { ok: false, errors: [{ file, line: 0, ...issue }], errorCount: 1 };
    throw e;
  } finally {
    // A connection that could not roll back is in an unknown state: discard it rather than reuse it.
    client.off('error', onClientError);
    client.release(broken);
  }
}

/** A unique violation on prompt ids: another writer added the same id while this import ran. */
function describeConflict(e: unknown, dataset: string): Omit<ImportIssue, 'file' | 'line'> | null {
  const err = e as { code?: string; constraint?: string; detail?: string };
  if (err?.code !== '23505' || err.constraint !== 'prompts_dataset_id_external_id_key') return null;
  const id = /=\(\d+, (.*)\) already exists/.exec(err.detail ?? '')?.[1];
  return { field: 'id', message: `id ${id ? `"${id}" ` : ''}was added to dataset "${dataset}" by someone else during this import` };
}
