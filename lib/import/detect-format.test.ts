import { describe, expect, it } from 'vitest';
import { containerMismatch, formatFromName, sniffFormat } from './detect-format';

const bytes = (s: string | number[]) => (typeof s === 'string' ? Buffer.from(s) : Buffer.from(s));

describe('formatFromName', () => {
  it('maps extensions, case-insensitively', () => {
    expect(formatFromName('a/b/data.jsonl')).toBe('jsonl');
    expect(formatFromName('x.JSON')).toBe('jsonl');
    expect(formatFromName('x.ndjson')).toBe('jsonl');
    expect(formatFromName('x.csv')).toBe('csv');
    expect(formatFromName('x.parquet')).toBe('parquet');
    expect(formatFromName('x.txt')).toBeUndefined();
    expect(formatFromName('noext')).toBeUndefined();
  });
});

describe('sniffFormat', () => {
  it('recognises Parquet magic, a JSON object, else CSV', () => {
    expect(sniffFormat(bytes('PAR1\x15\x04'))).toBe('parquet');
    expect(sniffFormat(bytes('\n  {"prompt":"x"}'))).toBe('jsonl');
    expect(sniffFormat(bytes('\ufeff{"a":1}'))).toBe('jsonl');
    expect(sniffFormat(bytes('id,prompt\n1,x'))).toBe('csv');
  });
});

describe('containerMismatch', () => {
  it('explains a binary container given as text', () => {
    expect(containerMismatch(bytes('PAR1xxxx'), 'jsonl')).toBe('this is a Parquet file, not JSONL text: name it .parquet or pass format "parquet"');
    expect(containerMismatch(bytes([0x1f, 0x8b, 8, 0]), 'csv')).toBe('this is gzip-compressed, not CSV text: decompress it first');
    expect(containerMismatch(bytes('PK\x03\x04'), 'jsonl')).toMatch(/zip archive/);
    expect(containerMismatch(bytes('{"a":1}'), 'jsonl')).toBeNull();
    expect(containerMismatch(bytes('PAR1'), 'parquet')).toBeNull();
  });
});
