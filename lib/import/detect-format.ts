// Which reader a file needs: from its extension, else from its first bytes. Also catches a binary
// container handed to a text reader (a .jsonl that is really Parquet or gzip) with one clear error.
import { open } from 'node:fs/promises';
import type { ImportFormat } from './types';

const EXTENSIONS: Record<string, ImportFormat> = {
  jsonl: 'jsonl',
  json: 'jsonl',
  ndjson: 'jsonl',
  csv: 'csv',
  parquet: 'parquet',
  pq: 'parquet',
};

export function formatFromName(name: string): ImportFormat | undefined {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  return ext ? EXTENSIONS[ext] : undefined;
}

/** Format implied by the first bytes: Parquet magic, a JSON object, or else CSV. */
export function sniffFormat(head: Uint8Array): ImportFormat {
  if (containerOf(head) === 'a Parquet file') return 'parquet';
  const text = Buffer.from(head).toString('utf8').replace(/^\uFEFF/, '');
  return /^\s*\{/.test(text) ? 'jsonl' : 'csv';
}

/** What kind of binary container starts with these bytes, if any. */
export function containerOf(head: Uint8Array): string | undefined {
  const b = head;
  if (b[0] === 0x50 && b[1] === 0x41 && b[2] === 0x52 && b[3] === 0x31) return 'a Parquet file';
  if (b[0] === 0x1f && b[1] === 0x8b) return 'gzip-compressed';
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return 'a zip archive';
  if (b[0] === 0x28 && b[1] === 0xb5 && b[2] === 0x2f && b[3] === 0xfd) return 'zstd-compressed';
  return undefined;
}

/** Explains a mismatch between the chosen text format and a binary file, or null if none. */
export function containerMismatch(head: Uint8Array, format: ImportFormat): string | null {
  if (format === 'parquet') return null;
  const kind = containerOf(head);
  if (!kind) return null;
  const hint = kind === 'a Parquet file' ? 'name it .parquet or pass format "parquet"' : 'decompress it first';
  return `this is ${kind}, not ${format === 'csv' ? 'CSV' : 'JSONL'} text: ${hint}`;
}

export async function readHead(path: string, bytes = 4096): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
