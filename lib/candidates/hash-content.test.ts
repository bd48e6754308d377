import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashContent, normalizeContent } from './hash-content';

describe('normalizeContent', () => {
  it('trims and collapses every run of whitespace to one space', () => {
    expect(normalizeContent('  a \n\n b\t\tc\r\nd  ')).toBe('a b c d');
    expect(normalizeContent('a\nb')).toBe('a b');
    expect(normalizeContent('a b')).toBe('a b');
    expect(normalizeContent('a\u00a0\u2003b')).toBe('a b');
    expect(normalizeContent('   ')).toBe('');
  });

  it('matches the plain \\s+ rule on assorted text', () => {
    const samples = ['x', ' x', 'x ', 'a  b', 'a\tb', 'a \t b', '\n\na\n', 'a\u2028b', 'mixed \r\n\t  runs \u00a0 here'];
    for (const s of samples) expect(normalizeContent(s)).toBe(s.trim().replace(/\s+/g, ' '));
  });
});

describe('hashContent', () => {
  it('is the sha256 hex of the normalised text', () => {
    expect(hashContent(' The answer\nis 42 ')).toBe(createHash('sha256').update('The answer is 42').digest('hex'));
  });

  it('gives answers that differ only in whitespace the same hash', () => {
    expect(hashContent('a\n\nb')).toBe(hashContent('a b '));
    expect(hashContent('a b')).not.toBe(hashContent('ab'));
  });
});
