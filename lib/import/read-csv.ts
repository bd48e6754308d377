// CSV reader: csv-parse in streaming mode over UTF-8-checked text. The first row is the header;
// empty cells are absent fields. A row with a different number of fields than the header is an
// error naming its line (csv-parse would stop at the first one; we want them all).
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse, CsvError } from 'csv-parse';
import { checkColumns } from './check-columns';
import type { FieldMapping } from './parse-mapping';
import { BINARY_MESSAGE, ITEMS_PER_YIELD, NOT_UTF8_MESSAGE, formatMegabytes } from './read-jsonl';
import type { SourceItem, SourceReader } from './types';

export async function* readCsv(
  input: AsyncIterable<Buffer>,
  opts: { maxLineBytes: number; mapping?: FieldMapping },
): SourceReader {
  const text = new Utf8Text();
  const parser = parse({
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: opts.maxLineBytes,
  });
  // Errors surface through the parser's iterator below; keep pipeline's own rejection quiet.
  const piping = pipeline(input, text, parser).catch(() => {});

  let header: string[] | null = null;
  let batch: SourceItem[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      // info.lines is the line the record ends on; quoted fields may span lines.
      const line = info.lines - countNewlines(record);
      if (!header) {
        header = record.map((h) => h.trim());
        const dup = header.find((h, i) => header!.indexOf(h) !== i);
        const problem = dup !== undefined ? `column "${dup}" appears twice in the header` : checkColumns(header, opts.mapping);
        if (problem) {
          yield [{ line, fatal: true, issue: { message: problem } }];
          return;
        }
        continue;
      }
      if (record.length !== header.length) {
        batch.push({ line, issue: { message: `row has ${record.length} fields, the header has ${header.length}` } });
      } else {
        const obj: Record<string, unknown> = {};
        for (let i = 0; i < header.length; i++) if (record[i] !== '') obj[header[i]] = record[i];
        batch.push({ line, record: obj });
      }
      if (batch.length >= ITEMS_PER_YIELD) {
        yield batch;
        batch = [];
      }
    }
  } catch (e) {
    if (batch.length) yield batch;
    yield [readError(e, text, opts.maxLineBytes)];
    return;
  } finally {
    await piping;
  }
  if (batch.length) yield batch;
}

function readError(e: unknown, text: Utf8Text, maxLineBytes: number): SourceItem {
  if (e instanceof BinaryInputError) return { line: e.line, fatal: true, issue: { message: e.message } };
  if (e instanceof CsvError) {
    const line = Number((e as CsvError & { lines?: number }).lines ?? text.lines);
    const message =
      e.code === 'CSV_MAX_RECORD_SIZE'
        ? `line ${line} is longer than ${formatMegabytes(maxLineBytes)} (limit WINNOW_IMPORT_MAX_LINE_BYTES)`
        : `invalid CSV: ${e.message}`;
    return { line, fatal: true, issue: { message } };
  }
  throw e;
}

function countNewlines(fields: string[]) {
  let n = 0;
  for (const f of fields) for (let i = f.indexOf('\n'); i !== -1; i = f.indexOf('\n', i + 1)) n++;
  return n;
}

class BinaryInputError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** Bytes -> text; rejects invalid UTF-8 and NUL bytes, drops a BOM, counts lines for error positions. */
class Utf8Text extends Transform {
  lines = 1;
  private decoder = new TextDecoder('utf-8', { fatal: true });

  constructor() {
    super({ decodeStrings: true, readableObjectMode: false });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    this.decode(chunk, true, done);
  }

  override _flush(done: TransformCallback) {
    this.decode(new Uint8Array(0), false, done);
  }

  private decode(bytes: Uint8Array, stream: boolean, done: TransformCallback) {
    let s: string;
    try {
      s = this.decoder.decode(bytes, { stream });
    } catch {
      return done(new BinaryInputError(NOT_UTF8_MESSAGE, this.lines));
    }
    const nul = s.indexOf('\0');
    if (nul !== -1) return done(new BinaryInputError(BINARY_MESSAGE, this.lines + countNewlines([s.slice(0, nul)])));
    this.lines += countNewlines([s]);
    done(null, s);
  }
}
