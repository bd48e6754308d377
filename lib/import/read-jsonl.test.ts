import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { formatMegabytes, readJsonl } from './read-jsonl';
import type { SourceItem } from './types';

async function read(chunks: (string | Buffer)[], maxLineBytes = 1 << 20): Promise<SourceItem[]> {
  const out: SourceItem[] = [];
  const input = Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)));
  for await (const batch of readJsonl(input, { maxLineBytes })) out.push(...batch);
  return out;
}

describe('readJsonl', () => {
  it('yields one record per line with its line number, skipping blank lines', async () => {
    const items = await read(['{"a":1}\n\n  \n{"a":2}\n', '{"a":3}']);
    expect(items).toEqual([
      { line: 1, record: { a: 1 } },
      { line: 4, record: { a: 2 } },
      { line: 5, record: { a: 3 } },
    ]);
  });

  it('joins lines split across chunks, even inside a multi-byte character', async () => {
    const text = Buffer.from('{"p":"héllo 🚀"}\n{"p":"x"}\n');
    const items = await read([text.subarray(0, 9), text.subarray(9, 12), text.subarray(12)]);
    expect(items).toEqual([
      { line: 1, record: { p: 'héllo 🚀' } },
      { line: 2, record: { p: 'x' } },
    ]);
  });

  it('strips a UTF-8 BOM and CRLF line ends', async () => {
    const items = await read([Buffer.from([0xef, 0xbb]), Buffer.from([0xbf]), '{"a":1}\r\n{"a":2}\r\n']);
    expect(items).toEqual([
      { line: 1, record: { a: 1 } },
      { line: 2, record: { a: 2 } },
    ]);
  });

  it('reports invalid JSON and non-objects per line and goes on', async () => {
    const items = await read(['{"a":1}\n{oops}\n[1,2]\n"str"\nnull\n{"a":2}\n']);
    expect(items.map((i) => ('issue' in i ? `${i.line}: ${i.issue.message}` : `${i.line}: ok`))).toEqual([
      '1: ok',
      expect.stringMatching(/^2: invalid JSON: /),
      '3: expected a JSON object ({…}) on each line, got an array',
      '4: expected a JSON object ({…}) on each line, got a string',
      '5: expected a JSON object ({…}) on each line, got null',
      '6: ok',
    ]);
  });

  it('explains a JSON array or pretty-printed JSON once instead of failing every line', async () => {
    expect(await read(['[\n  {"prompt": "a"},\n  {"prompt": "b"}\n]\n'])).toEqual([
      { line: 1, fatal: true, issue: { message: expect.stringContaining('this is a JSON array, not JSONL') } },
    ]);
    expect(await read(['[{"prompt":"a"},{"prompt":"b"}]'])).toEqual([
      { line: 1, fatal: true, issue: { message: expect.stringContaining('this is a JSON array, not JSONL') } },
    ]);
    expect(await read(['\n{\n  "prompt": "a"\n}\n'])).toEqual([
      { line: 2, fatal: true, issue: { message: expect.stringContaining('pretty-printed JSON') } },
    ]);
    // Only the first line gets the hint.
    expect((await read(['{"a":1}\n[1]\n']))[1]).toEqual({ line: 2, issue: { message: 'expected a JSON object ({…}) on each line, got an array' } });
  });

  it('rejects a line over the limit without buffering it, then continues', async () => {
    const big = 'x'.repeat(4000);
    const items = await read(['{"a":1}\n{"p":"', big, big, big, '"}\n{"a":2}\n'], 5000);
    expect(items).toEqual([
      { line: 1, record: { a: 1 } },
      { line: 2, issue: { message: `line 2 is longer than ${formatMegabytes(5000)} (limit WINNOW_IMPORT_MAX_LINE_BYTES)` } },
      { line: 3, record: { a: 2 } },
    ]);
  });

  it('rejects a too-long line that arrives in one chunk, and a too-long last line', async () => {
    const items = await read([`{"p":"${'y'.repeat(100)}"}\n{"p":"${'z'.repeat(100)}"}`], 50);
    expect(items.map((i) => i.line)).toEqual([1, 2]);
    expect(items.every((i) => 'issue' in i && /longer than/.test(i.issue.message))).toBe(true);
  });

  it('stops at binary data with one fatal error', async () => {
    const junk = Buffer.from([0x7b, 0x00, 0x01, 0x02, 0x0a, 0x00, 0x0a, 0x00, 0x0a]);
    const items = await read(['{"a":1}\n', junk]);
    expect(items).toHaveLength(2);
    expect(items[1]).toMatchObject({ line: 2, fatal: true, issue: { message: expect.stringContaining('binary data') } });
  });

  it('stops at invalid UTF-8 with one fatal error', async () => {
    const latin1 = Buffer.from('{"p":"caf\xe9"}\n{"p":"x"}\n', 'latin1');
    const items = await read([latin1]);
    expect(items).toEqual([{ line: 1, fatal: true, issue: { message: expect.stringContaining('not valid UTF-8') } }]);
  });
});

describe('formatMegabytes', () => {
  it('prints binary megabytes', () => {
    expect(formatMegabytes(50 * 1024 * 1024)).toBe('50 MB');
    expect(formatMegabytes(1.5 * 1024 * 1024)).toBe('1.5 MB');
  });
});
