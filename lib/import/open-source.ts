// The input side of an import: check the file, pick its format (name, else content), and open the
// streaming reader for it. Problems found before reading anything come back as one message.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { containerMismatch, formatFromName, readHead, sniffFormat } from './detect-format';
import type { FieldMapping } from './parse-mapping';
import { readCsv } from './read-csv';
import { readJsonl } from './read-jsonl';
import { readParquet } from './read-parquet';
import type { ImportFormat, SourceReader } from './types';

export type OpenedSource = {
  reader: SourceReader;
  format: ImportFormat;
  totalBytes: number;
  /** Bytes read so far (for Parquet, estimated from the rows read). */
  bytesRead: () => number;
};

const READ_CHUNK = 1 << 20;

export async function openSource(opts: {
  filePath: string;
  /** The name the user knows the file by: its extension counts when the path has none (uploads). */
  fileLabel: string;
  format?: ImportFormat;
  mapping?: FieldMapping;
  maxLineBytes: number;
}): Promise<OpenedSource | { problem: string; line?: number }> {
  let totalBytes: number;
  try {
    const info = await stat(opts.filePath);
    if (!info.isFile()) return { problem: 'not a regular file' };
    totalBytes = info.size;
  } catch (e) {
    return { problem: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
  if (totalBytes === 0) return { problem: 'file is empty (no records)' };

  const head = await readHead(opts.filePath);
  const format = opts.format ?? formatFromName(opts.filePath) ?? formatFromName(opts.fileLabel) ?? sniffFormat(head);
  const mismatch = containerMismatch(head, format);
  if (mismatch) return { problem: mismatch, line: 1 };

  let bytes = 0;
  async function* counted(input: AsyncIterable<Buffer>) {
    for await (const chunk of input) {
      bytes += chunk.length;
      yield chunk;
    }
  }
  const text = () => counted(createReadStream(opts.filePath, { highWaterMark: READ_CHUNK }));
  const { maxLineBytes, mapping } = opts;
  const reader =
    format === 'jsonl'
      ? readJsonl(text(), { maxLineBytes })
      : format === 'csv'
        ? readCsv(text(), { maxLineBytes, mapping })
        : readParquet(opts.filePath, { mapping, onRows: (read, total) => (bytes = Math.round((totalBytes * read) / Math.max(total, 1))) });
  return { reader, format, totalBytes, bytesRead: () => bytes };
}
