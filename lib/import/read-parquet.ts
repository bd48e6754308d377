// Parquet reader: hyparquet over a file handle, one row group at a time, and within a row group that
// has an offset index (hyparquet-writer writes one; pyarrow only with write_page_index=True) a slice of
// rows at a time, so memory is bounded by the slice or the row group, not the file. Only the columns
// a record needs are decoded. INT64 values arrive as bigint and are turned into numbers (or strings
// when too large) so the rest of the pipeline sees JSON-like values.
import { open, type FileHandle } from 'node:fs/promises';
import { parquetMetadataAsync, parquetReadObjects, parquetSchema, type AsyncBuffer, type FileMetaData } from 'hyparquet';
import { checkColumns, neededColumns } from './check-columns';
import type { FieldMapping } from './parse-mapping';
import type { SourceReader } from './types';

const SLICE_ROWS = 2_000;

export async function* readParquet(
  path: string,
  opts: { mapping?: FieldMapping; onRows?: (rowsRead: number, totalRows: number) => void },
): SourceReader {
  const handle = await open(path, 'r');
  try {
    const file = await fileBuffer(handle);
    let metadata: FileMetaData;
    try {
      metadata = await parquetMetadataAsync(file);
    } catch (e) {
      yield [{ line: 0, fatal: true, issue: { message: `not a readable Parquet file (${(e as Error).message})` } }];
      return;
    }
    const columns = parquetSchema(metadata).children.map((c) => c.element.name);
    const problem = checkColumns(columns, opts.mapping);
    if (problem) {
      yield [{ line: 0, fatal: true, issue: { message: problem } }];
      return;
    }
    const needed = neededColumns(columns, opts.mapping);
    const totalRows = Number(metadata.num_rows);
    let groupStart = 0;
    for (const group of metadata.row_groups) {
      const groupEnd = groupStart + Number(group.num_rows);
      // With an offset index hyparquet decodes only the pages a slice needs; without one every slice
      // would decode the whole row group again, so the group is read in one go (memory then grows
      // with the writer's row-group size: pyarrow's default is large; see the module comment).
      const step = group.columns.every((c) => c.offset_index_offset !== undefined) ? SLICE_ROWS : Number(group.num_rows);
      for (let rowStart = groupStart; rowStart < groupEnd; rowStart += step) {
        const rowEnd = Math.min(rowStart + step, groupEnd);
        let rows: Record<string, unknown>[];
        try {
          rows = await parquetReadObjects({ file, metadata, columns: needed, rowStart, rowEnd, useOffsetIndex: true });
        } catch (e) {
          yield [{ line: rowStart + 1, fatal: true, issue: { message: `cannot decode rows ${rowStart + 1}–${rowEnd} (${(e as Error).message})` } }];
          return;
        }
        yield rows.map((row, i) => ({ line: rowStart + i + 1, record: plainValue(row) as Record<string, unknown> }));
        opts.onRows?.(rowEnd, totalRows);
      }
      groupStart = groupEnd;
    }
  } finally {
    await handle.close();
  }
}

/** A random-access view of the open file, as hyparquet wants it. */
async function fileBuffer(handle: FileHandle): Promise<AsyncBuffer> {
  const { size } = await handle.stat();
  return {
    byteLength: size,
    async slice(start: number, end?: number) {
      const length = (end ?? size) - start;
      const buf = Buffer.alloc(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(buf, done, length - done, start + done);
        if (!bytesRead) break;
        done += bytesRead;
      }
      return buf.buffer.slice(buf.byteOffset, buf.byteOffset + done);
    },
  };
}

/** bigint -> number (or decimal string beyond 2^53), recursively through lists and structs. */
export function plainValue(value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (Array.isArray(value)) return value.map(plainValue);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = plainValue(v);
    return out;
  }
  return value;
}
