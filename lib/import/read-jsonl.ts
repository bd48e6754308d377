// JSONL reader: splits the byte stream on \n itself so a line longer than the limit is rejected as
// soon as it passes the limit, without ever holding it whole. Strips a UTF-8 BOM and a trailing \r
// (CRLF files), skips blank lines, and stops at the first sign of binary data with a single error.
import { isUtf8 } from 'node:buffer';
import type { SourceItem, SourceReader } from './types';

const NEWLINE = 0x0a;
/**
 * Records are parsed and handed over this many at a time (here and in read-csv), not a whole 1 MB
 * chunk (~280 bench records) at once: records parsed ahead of the consumer live through young-
 * generation garbage collections while it writes them, and were copied and promoted by each one.
 * Measured on the bench import: 239 scavenges took 2.15 s (~9 ms each, 2.3 MB promoted each) with
 * whole chunks, 196 took 0.45 s with 16 records.
 */
export const ITEMS_PER_YIELD = 16;

export async function* readJsonl(input: AsyncIterable<Buffer>, opts: { maxLineBytes: number }): SourceReader {
  const max = opts.maxLineBytes;
  let line = 0; // lines completed so far; the line being assembled is line + 1
  let parts: Buffer[] = [];
  let partBytes = 0;
  let skipping = false; // inside a line already reported as too long: drop bytes until its \n
  let first = true; // no record or problem seen yet

  for await (const chunk of input) {
    const items: SourceItem[] = [];
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(NEWLINE, start);
      if (nl === -1) {
        const rest = chunk.length - start;
        if (!skipping && rest > 0) {
          if (partBytes + rest > max) {
            items.push(tooLong(line + 1, max));
            skipping = true;
            parts = [];
            partBytes = 0;
          } else {
            parts.push(chunk.subarray(start));
            partBytes += rest;
          }
        }
        break;
      }
      line++;
      if (skipping) {
        skipping = false;
      } else {
        const piece = chunk.subarray(start, nl);
        const bytes = parts.length ? Buffer.concat([...parts, piece]) : piece;
        parts = [];
        partBytes = 0;
        let item = bytes.length > max ? tooLong(line, max) : parseLine(bytes, line);
        if (item && first) {
          first = false;
          item = wholeFileHint(item, bytes) ?? item;
        }
        if (item) {
          items.push(item);
          if ('fatal' in item && item.fatal) {
            yield items;
            return;
          }
          if (items.length === ITEMS_PER_YIELD) yield items.splice(0);
        }
      }
      start = nl + 1;
    }
    if (items.length) yield items;
  }
  // Last line without a trailing newline.
  if (!skipping && partBytes > 0) {
    const bytes = Buffer.concat(parts);
    const item = parseLine(bytes, line + 1);
    if (item) yield [(first && wholeFileHint(item, bytes)) || item];
  }
}

/**
 * A JSON array or a pretty-printed object (a .json file, not JSONL) fails on every line; say so once,
 * on the first line, instead of reporting thousands of JSON errors.
 */
function wholeFileHint(item: SourceItem, bytes: Buffer): SourceItem | null {
  if (!('issue' in item) || item.fatal) return null;
  const start = bytes.subarray(0, 64).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('['))
    return { line: item.line, fatal: true, issue: { message: 'this is a JSON array, not JSONL (one JSON object per line): convert it, e.g. jq -c ".[]"' } };
  if (/^\{\s*$/.test(start))
    return { line: item.line, fatal: true, issue: { message: 'this is pretty-printed JSON, not JSONL: each record must be on one line (e.g. jq -c .)' } };
  return null;
}

/** One line's bytes (without \n) -> a record, a problem, or null for a blank line. */
export function parseLine(bytes: Buffer, line: number): SourceItem | null {
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === 0x0d) end--;
  const begin = line === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (end <= begin) return null;
  const view = begin === 0 && end === bytes.length ? bytes : bytes.subarray(begin, end);

  // One clear error for binary junk (or a file in another encoding), instead of one per line.
  if (view.indexOf(0) !== -1) return { line, fatal: true, issue: { message: BINARY_MESSAGE } };
  if (!isUtf8(view)) return { line, fatal: true, issue: { message: NOT_UTF8_MESSAGE } };

  const text = view.toString('utf8');
  if (/^\s*$/.test(text)) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { line, issue: { message: `invalid JSON: ${(e as Error).message}` } };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { line, issue: { message: `expected a JSON object ({…}) on each line, got ${describeJsonType(value)}` } };
  return { line, record: value as Record<string, unknown> };
}

export const BINARY_MESSAGE = 'binary data (a NUL byte): expected a UTF-8 text file; stopped reading here';
export const NOT_UTF8_MESSAGE = 'not valid UTF-8 (binary data, or text in another encoding such as Latin-1: convert it to UTF-8); stopped reading here';

function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function tooLong(line: number, max: number): SourceItem {
  return { line, issue: { message: `line ${line} is longer than ${formatMegabytes(max)} (limit WINNOW_IMPORT_MAX_LINE_BYTES)` } };
}

/** 52428800 -> "50 MB" (binary megabytes, as the limit is configured in bytes). */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return `${Number.isInteger(mb) ? mb : mb.toFixed(mb < 1 ? 3 : 1)} MB`;
}
