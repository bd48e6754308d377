import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readCsv } from './read-csv';
import type { SourceItem } from './types';

async function read(chunks: (string | Buffer)[], opts: { mapping?: Record<string, string>; maxLineBytes?: number } = {}) {
  const out: SourceItem[] = [];
  const input = Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)));
  for await (const batch of readCsv(input, { maxLineBytes: opts.maxLineBytes ?? 1 << 20, mapping: opts.mapping })) out.push(...batch);
  return out;
}

describe('readCsv', () => {
  it('reads rows as objects keyed by the header, empty cells absent', async () => {
    const items = await read(['id,prompt,reference\n1,What?,42\n2,"Multi\nline, quoted",\n']);
    expect(items).toEqual([
      { line: 2, record: { id: '1', prompt: 'What?', reference: '42' } },
      { line: 3, record: { id: '2', prompt: 'Multi\nline, quoted' } },
    ]);
  });

  it('accepts a BOM and CRLF, and skips blank lines', async () => {
    const items = await read([Buffer.from([0xef, 0xbb, 0xbf]), 'id,prompt\r\n\r\na,b\r\n']);
    expect(items).toEqual([{ line: 3, record: { id: 'a', prompt: 'b' } }]);
  });

  it('reports each ragged row by line and goes on', async () => {
    const items = await read(['id,prompt,reference\n1,a,b\n2,c\n3,d,e,f\n4,g,h\n']);
    expect(items).toEqual([
      { line: 2, record: { id: '1', prompt: 'a', reference: 'b' } },
      { line: 3, issue: { message: 'row has 2 fields, the header has 3' } },
      { line: 4, issue: { message: 'row has 4 fields, the header has 3' } },
      { line: 5, record: { id: '4', prompt: 'g', reference: 'h' } },
    ]);
  });

  it('fails once when the prompt column is missing, naming the columns', async () => {
    const items = await read(['question,answer\nq,a\n']);
    expect(items).toEqual([{ line: 1, fatal: true, issue: { message: 'missing column "prompt" (or "messages"); columns: "question", "answer"' } }]);
  });

  it('checks mapped columns', async () => {
    expect(await read(['question,answer\nq,a\n'], { mapping: { prompt: 'question', reference: 'answer' } })).toEqual([
      { line: 2, record: { question: 'q', answer: 'a' } },
    ]);
    expect(await read(['question\nq\n'], { mapping: { prompt: 'question', reference: 'answr' } })).toEqual([
      { line: 1, fatal: true, issue: { message: 'column "answr" (mapped to reference) not found; columns: "question"' } },
    ]);
  });

  it('rejects a duplicated header column', async () => {
    const items = await read(['prompt,prompt\na,b\n']);
    expect(items).toEqual([{ line: 1, fatal: true, issue: { message: 'column "prompt" appears twice in the header' } }]);
  });

  it('stops at binary data or invalid UTF-8 with one error', async () => {
    const nul = await read(['prompt\nok\n', Buffer.from([0x61, 0x00, 0x62, 0x0a])]);
    expect(nul.at(-1)).toMatchObject({ fatal: true, issue: { message: expect.stringContaining('binary data') } });
    expect(nul.filter((i) => 'issue' in i)).toHaveLength(1);
    const latin1 = await read([Buffer.from('prompt\ncaf\xe9\n', 'latin1')]);
    expect(latin1).toEqual([{ line: expect.any(Number), fatal: true, issue: { message: expect.stringContaining('not valid UTF-8') } }]);
  });

  it('reports malformed quoting once, with the line', async () => {
    const items = await read(['prompt,id\n"unclosed,1\nx,2\n']);
    expect(items).toEqual([{ line: expect.any(Number), fatal: true, issue: { message: expect.stringMatching(/^invalid CSV: /) } }]);
  });

  it('enforces the record size limit', async () => {
    const items = await read([`prompt\n"${'x'.repeat(3000)}"\n`], { maxLineBytes: 1000 });
    expect(items).toEqual([{ line: expect.any(Number), fatal: true, issue: { message: expect.stringMatching(/is longer than .* \(limit WINNOW_IMPORT_MAX_LINE_BYTES\)/) } }]);
  });
});
