import { describe, expect, it } from 'vitest';
import { BinaryCopyBuffer, COPY_BINARY_HEADER, textBytes } from './binary-copy';
import { decodeBinaryCopy } from './binary-copy-decode';

describe('BinaryCopyBuffer', () => {
  it('frames rows as one COPY binary stream: header, rows, trailer', () => {
    const b = new BinaryCopyBuffer();
    b.row(4, 40).int4(7).int4(-2).text('ünï 🚀').text(null).end();
    b.row(2, 30).jsonb('{"a":"é"}').jsonb(null).end();
    const parts = b.take();
    expect(parts[0]).toEqual(COPY_BINARY_HEADER);
    expect(parts.at(-1)).toEqual(Buffer.from([0xff, 0xff]));
    const rows = decodeBinaryCopy(Buffer.concat(parts));
    expect(rows).toHaveLength(2);
    expect(rows[0][0]!.readInt32BE(0)).toBe(7);
    expect(rows[0][1]!.readInt32BE(0)).toBe(-2);
    expect(rows[0][2]!.toString('utf8')).toBe('ünï 🚀');
    expect(rows[0][3]).toBeNull();
    expect(rows[1][0]![0]).toBe(1); // jsonb version byte
    expect(rows[1][0]!.subarray(1).toString('utf8')).toBe('{"a":"é"}');
    expect(rows[1][1]).toBeNull();
  });

  it('counts the bytes of complete rows and starts empty after take', () => {
    const b = new BinaryCopyBuffer();
    expect(b.take()).toEqual([]);
    b.row(1, textBytes('abc')).text('abc').end();
    expect(b.bytes).toBe(2 + 4 + 3);
    b.take();
    expect(b.bytes).toBe(0);
    expect(b.take()).toEqual([]);
  });

  it('never splits a row across buffers, and takes rows bigger than a buffer', () => {
    const b = new BinaryCopyBuffer();
    const row = 'é'.repeat(300_000);
    for (let i = 0; i < 5; i++) b.row(2, 8 + textBytes(row)).int4(i).text(row).end();
    const big = 'x'.repeat(3_000_000);
    b.row(1, textBytes(big)).text(big).end();
    const parts = b.take();
    expect(parts.length).toBeGreaterThan(3);
    // Each buffer between header and trailer holds whole rows: it decodes on its own.
    const inner = parts.slice(1, -1);
    const perBuffer = inner.map((p) => decodeBinaryCopy(Buffer.concat([COPY_BINARY_HEADER, p, Buffer.from([0xff, 0xff])])).length);
    expect(perBuffer.reduce((a, n) => a + n, 0)).toBe(6);
    const rows = decodeBinaryCopy(Buffer.concat(parts));
    expect(rows.map((r) => r.length)).toEqual([2, 2, 2, 2, 2, 1]);
    expect(rows[4][1]!.toString('utf8')).toBe(row);
    expect(rows[5][0]!.toString('utf8')).toBe(big);
  });

  it('does not reuse a buffer it handed over; clear forgets rows', () => {
    const b = new BinaryCopyBuffer();
    b.row(1, 10).text('a').end();
    const first = b.take();
    b.row(1, 10).text('b').end();
    expect(decodeBinaryCopy(Buffer.concat(first))[0][0]!.toString()).toBe('a');
    b.clear();
    expect(b.take()).toEqual([]);
    b.row(1, 10).text('c').end();
    expect(decodeBinaryCopy(Buffer.concat(b.take()))[0][0]!.toString()).toBe('c');
  });

  it('writes into a recycled buffer again, and only into one it allocated at the standard size', () => {
    const b = new BinaryCopyBuffer();
    const row = 'r'.repeat(200_000); // at most three such rows fit a 1 MB buffer
    for (let i = 0; i < 5; i++) b.row(1, textBytes(row)).text(row).end();
    const first = b.take();
    const memory = first.slice(1, -1).map((p) => p.buffer);
    expect(memory.length).toBe(2);
    b.recycle(first);
    const rows = ['a', 'b', 'c', 'd', 'e'].map((c) => c.repeat(200_000));
    for (const r of rows) b.row(1, textBytes(r)).text(r).end();
    const second = b.take();
    expect(second.slice(1, -1).every((p) => memory.includes(p.buffer))).toBe(true);
    expect(decodeBinaryCopy(Buffer.concat(second)).map((r) => r[0]!.toString())).toEqual(rows);

    // A row bigger than a buffer gets memory of its own, never handed out again.
    const big = 'x'.repeat(2_000_000);
    b.row(1, textBytes(big)).text(big).end();
    const third = b.take();
    b.recycle(third);
    b.row(1, 10).text('small').end();
    const fourth = b.take();
    expect(third.slice(1, -1).map((p) => p.buffer)).not.toContain(fourth[1].buffer);
    expect(decodeBinaryCopy(Buffer.concat(third))[0][0]!.toString()).toBe(big);
  });

  it('clear hands the unsent buffers back, without sharing one with the rows written next', () => {
    const b = new BinaryCopyBuffer();
    const row = 'q'.repeat(200_000);
    for (let i = 0; i < 7; i++) b.row(1, textBytes(row)).text(row).end();
    b.clear();
    const rows = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((c) => c.repeat(200_000));
    for (const r of rows) b.row(1, textBytes(r)).text(r).end();
    const parts = b.take().slice(1, -1);
    expect(new Set(parts.map((p) => p.buffer)).size).toBe(parts.length);
    expect(decodeBinaryCopy(Buffer.concat([COPY_BINARY_HEADER, ...parts, Buffer.from([0xff, 0xff])])).map((r) => r[0]!.toString())).toEqual(rows);
  });
});
