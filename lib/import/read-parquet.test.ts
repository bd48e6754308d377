import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainValue, readParquet } from './read-parquet';
import type { SourceItem } from './types';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'winnow-parquet-test-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function read(buf: ArrayBuffer, mapping?: Record<string, string>) {
  const p = path.join(dir, `${Math.random()}.parquet`);
  await writeFile(p, Buffer.from(buf));
  const out: SourceItem[] = [];
  for await (const batch of readParquet(p, { mapping })) out.push(...batch);
  return out;
}

describe('readParquet', () => {
  it('reads rows across row groups with 1-based row numbers, only the needed columns', async () => {
    const n = 2500;
    const buf = parquetWriteBuffer({
      columnData: [
        { name: 'id', data: Array.from({ length: n }, (_, i) => BigInt(i)), type: 'INT64' },
        { name: 'prompt', data: Array.from({ length: n }, (_, i) => `p${i}`), type: 'STRING' },
        { name: 'junk', data: Array.from({ length: n }, () => 'x'), type: 'STRING' },
      ],
      rowGroupSize: 1000,
    });
    const items = await read(buf);
    expect(items).toHaveLength(n);
    expect(items[0]).toEqual({ line: 1, record: { id: 0, prompt: 'p0' } });
    expect(items[2499]).toEqual({ line: 2500, record: { id: 2499, prompt: 'p2499' } });
  });

  it('fails once on missing columns and on a file that is not Parquet', async () => {
    const buf = parquetWriteBuffer({ columnData: [{ name: 'q', data: ['a'], type: 'STRING' }] });
    expect(await read(buf)).toEqual([{ line: 0, fatal: true, issue: { message: 'missing column "prompt" (or "messages"); columns: "q"' } }]);
    expect(await read(buf, { prompt: 'q' })).toEqual([{ line: 1, record: { q: 'a' } }]);
    const notParquet = new TextEncoder().encode('{"prompt":"x"}\n').buffer as ArrayBuffer;
    expect(await read(notParquet)).toEqual([{ line: 0, fatal: true, issue: { message: expect.stringMatching(/^not a readable Parquet file/) } }]);
  });
});

describe('plainValue', () => {
  it('turns bigints into numbers, or strings when too large, through lists and structs', () => {
    expect(plainValue({ a: 1n, b: [2n, { c: 2n ** 60n }], d: 'x', e: null })).toEqual({ a: 1, b: [2, { c: '1152921504606846976' }], d: 'x', e: null });
  });
});
