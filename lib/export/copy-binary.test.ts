import { describe, expect, it } from 'vitest';
import { BinaryCopyReader } from './copy-binary';

/** Encodes tuples the way PostgreSQL's binary COPY does (int4 fields as numbers, text as strings). */
function encode(tuples: (number | string | null)[][]): Buffer {
  const parts: Buffer[] = [Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)];
  for (const t of tuples) {
    const head = Buffer.alloc(2);
    head.writeInt16BE(t.length);
    parts.push(head);
    for (const v of t) {
      const len = Buffer.alloc(4);
      if (v === null) {
        len.writeInt32BE(-1);
        parts.push(len);
      } else if (typeof v === 'number') {
        len.writeInt32BE(4);
        const b = Buffer.alloc(4);
        b.writeInt32BE(v);
        parts.push(len, b);
      } else {
        const b = Buffer.from(v, 'utf8');
        len.writeInt32BE(b.length);
        parts.push(len, b);
      }
    }
  }
  parts.push(Buffer.from([0xff, 0xff]));
  return Buffer.concat(parts);
}

function readAll(data: Buffer, chunkSize: number) {
  const reader = new BinaryCopyReader(3);
  const out: (number | string | null)[][] = [];
  for (let i = 0; i < data.length; i += chunkSize) {
    reader.push(data.subarray(i, i + chunkSize), (buf, starts, ends) => {
      out.push([buf.readInt32BE(starts[0]), ends[1] === -1 ? null : buf.toString('utf8', starts[1], ends[1]), ends[2] === -1 ? null : buf.toString('utf8', starts[2], ends[2])]);
    });
  }
  return { out, finished: reader.finished };
}

describe('BinaryCopyReader', () => {
  const tuples = [
    [1, 'p1', '{"messages":[{"role":"user","content":"Grüße 🙂 你好"}]}'],
    [1, 'p1', null],
    [2, '', 'x'.repeat(5000)],
    [300000, 'id\twith\ttabs', '\\"quoted\\"'],
  ];

  it('reads every tuple whatever the chunk boundaries (down to one byte), NULLs included', () => {
    const data = encode(tuples);
    for (const size of [1, 2, 3, 7, 19, 64, 1000, 4500, 5003, 9000, data.length]) {
      const { out, finished } = readAll(data, size);
      expect(out, `chunks of ${size}`).toEqual(tuples);
      expect(finished).toBe(true);
    }
  });

  it('finishes a tuple split across two chunks even when the rest of it is longer than the first join', () => {
    const long = [
      [1, 'a', 'b'],
      [2, 'long', 'y'.repeat(10000)],
      [3, 'c', null],
    ];
    const data = encode(long);
    for (let k = 1; k < 140; k += 3) {
      const reader = new BinaryCopyReader(3);
      const out: unknown[] = [];
      const onTuple = (buf: Buffer, starts: Int32Array, ends: Int32Array) =>
        out.push([buf.readInt32BE(starts[0]), buf.toString('utf8', starts[1], ends[1]), ends[2] === -1 ? null : buf.toString('utf8', starts[2], ends[2])]);
      reader.push(data.subarray(0, k), onTuple);
      reader.push(data.subarray(k), onTuple);
      expect(out, `split at ${k}`).toEqual(long);
      expect(reader.finished).toBe(true);
    }
  });

  it('is not finished when the trailer is missing, and refuses a stream that is not binary COPY', () => {
    const data = encode(tuples);
    expect(readAll(data.subarray(0, data.length - 2), 50).finished).toBe(false);
    expect(() => new BinaryCopyReader(3).push(Buffer.from('id\tline\n'.repeat(4)), () => {})).toThrow(/not a binary COPY/);
  });

  it('refuses a tuple with an unexpected number of fields', () => {
    expect(() => new BinaryCopyReader(2).push(encode([[1, 'a', 'b']]), () => {})).toThrow(/expected 2 fields/);
  });
});
