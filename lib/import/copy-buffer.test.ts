import { describe, expect, it } from 'vitest';
import { CopyBuffer } from './copy-buffer';

const text = (bufs: Buffer[]) => Buffer.concat(bufs).toString('utf8');

describe('CopyBuffer', () => {
  it('collects rows as UTF-8 and hands them over', () => {
    const b = new CopyBuffer();
    b.add('1,"ünï"\n');
    b.add('2,"🚀"\n');
    expect(b.bytes).toBe(Buffer.byteLength('1,"ünï"\n2,"🚀"\n'));
    expect(text(b.take())).toBe('1,"ünï"\n2,"🚀"\n');
    expect(b.bytes).toBe(0);
    expect(b.take()).toEqual([]);
  });

  it('never splits a row across buffers, and takes rows bigger than a buffer', () => {
    const b = new CopyBuffer();
    const row = `${'é'.repeat(300_000)}\n`;
    for (let i = 0; i < 5; i++) b.add(row);
    const big = `${'x'.repeat(3_000_000)}\n`;
    b.add(big);
    const parts = b.take();
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.at(-1)).toBe(0x0a);
    expect(text(parts)).toBe(row.repeat(5) + big);
  });

  it('does not reuse a buffer it handed over', () => {
    const b = new CopyBuffer();
    b.add('a\n');
    const first = b.take();
    b.add('b\n');
    expect(text(first)).toBe('a\n');
    expect(text(b.take())).toBe('b\n');
  });

  it('clear forgets rows', () => {
    const b = new CopyBuffer();
    b.add('a\n');
    b.clear();
    b.add('b\n');
    expect(text(b.take())).toBe('b\n');
  });
});
