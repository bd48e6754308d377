import { describe, expect, it } from 'vitest';
import { estimateJaccard, hash32, jaccard, minhashSeeds, minhashSignature, shingleSet, words } from './minhash';

describe('shingles', () => {
  it('lower-cases and splits on anything but letters and digits', () => {
    expect(words('The answer, is: 18!  Ünïcode ok')).toEqual(['the', 'answer', 'is', '18', 'ünïcode', 'ok']);
  });

  it('makes n-k+1 shingles, one for short texts, none for no words', () => {
    expect(shingleSet('a b c d e', 3).size).toBe(3);
    expect(shingleSet('a b', 3)).toEqual(new Set([hash32('a b')]));
    expect(shingleSet(' ... ', 3).size).toBe(0);
  });

  it('computes exact Jaccard', () => {
    expect(jaccard(new Set([1, 2, 3]), new Set([2, 3, 4]))).toBe(0.5);
    expect(jaccard(new Set([1]), new Set([1]))).toBe(1);
    expect(jaccard(new Set(), new Set())).toBe(0);
  });
});

describe('minhash', () => {
  it('is deterministic (fixed seeds) and pinned', () => {
    expect(minhashSeeds(4)).toEqual(minhashSeeds(4));
    const a = minhashSignature(shingleSet('the quick brown fox jumps over the lazy dog', 3), 8);
    expect(Array.from(a)).toEqual(Array.from(minhashSignature(shingleSet('The quick brown fox jumps over the lazy dog.', 3), 8)));
    expect(hash32('a b c')).toBe(hash32('a b c'));
    expect(hash32('a b c')).not.toBe(hash32('a b d'));
  });

  it('estimates Jaccard within a few points on 128 hashes', () => {
    const base = Array.from({ length: 200 }, (_, i) => `w${i}`);
    for (const changed of [0, 5, 20, 60]) {
      const other = base.map((w, i) => (i % Math.max(1, Math.floor(200 / Math.max(1, changed))) === 0 && changed ? `x${i}` : w));
      const sa = shingleSet(base.join(' '), 3);
      const sb = shingleSet(other.join(' '), 3);
      const exact = jaccard(sa, sb);
      const est = estimateJaccard(minhashSignature(sa, 128), minhashSignature(sb, 128));
      expect(Math.abs(est - exact)).toBeLessThan(0.12);
    }
  });
});
