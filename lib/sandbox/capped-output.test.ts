import { describe, expect, it } from 'vitest';
import { CappedOutput } from './capped-output';

describe('CappedOutput', () => {
  it('keeps everything under the cap', () => {
    const out = new CappedOutput(100);
    out.push(Buffer.from('hello '));
    out.push(Buffer.from('world'));
    expect(out.toString()).toBe('hello world');
    expect(out.truncated).toBe(false);
  });

  it('keeps the head and the tail with a marker between', () => {
    const out = new CappedOutput(10);
    for (let i = 0; i < 1000; i++) out.push(Buffer.from(String(i % 10)));
    const s = out.toString();
    expect(out.total).toBe(1000);
    expect(s.startsWith('01234')).toBe(true);
    expect(s.endsWith('56789')).toBe(true);
    expect(s).toContain('[990 bytes truncated]');
  });

  it('does not keep a huge single chunk', () => {
    const out = new CappedOutput(1024);
    out.push(Buffer.alloc(10_000_000, 'x'));
    out.push(Buffer.from('END'));
    const s = out.toString();
    expect(s.length).toBeLessThan(1100);
    expect(s.endsWith('xEND')).toBe(true);
  });
});
