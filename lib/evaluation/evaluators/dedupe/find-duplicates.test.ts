import { describe, expect, it } from 'vitest';
import { hashContent } from '../../../candidates/hash-content';
import { findDuplicates, type DedupeItem } from './find-duplicates';

const opts = { threshold: 0.9, shingleSize: 3, numHashes: 128, near: true };
const long = Array.from({ length: 60 }, (_, i) => `step ${i}: add ${i} to the running total`).join('\n');

function items(...contents: string[]): DedupeItem[] {
  return contents.map((content, i) => ({ id: 100 + i, sampleIndex: i, runId: 1, content, contentHash: hashContent(content) }));
}

describe('findDuplicates', () => {
  it('marks exact duplicates (after whitespace normalisation) of the first sample', () => {
    const r = findDuplicates(items('The answer is 18.', 'Something else entirely here.', '  The answer  is 18.\n'), opts);
    expect(r.map((a) => [a.id, a.duplicateOf, a.how])).toEqual([
      [100, null, null],
      [101, null, null],
      [102, 100, 'exact'],
    ]);
    expect(r[0].duplicates).toEqual([102]);
  });

  it('marks near-duplicates at or above the threshold, with the exact Jaccard', () => {
    const r = findDuplicates(items(long, `${long}\nSo the total is 1770.`, 'A completely different solution with other words.'), opts);
    expect(r[1]).toMatchObject({ duplicateOf: 100, how: 'near' });
    expect(r[1].jaccard!).toBeGreaterThanOrEqual(0.9);
    expect(r[1].jaccard!).toBeLessThan(1);
    expect(r[2].duplicateOf).toBeNull();
  });

  it('respects the threshold and the near switch', () => {
    const edited = long.replace(/running total/g, 'sum so far');
    expect(findDuplicates(items(long, edited), opts)[1].duplicateOf).toBeNull();
    expect(findDuplicates(items(long, edited), { ...opts, threshold: 0.2 })[1].duplicateOf).toBe(100);
    expect(findDuplicates(items(long, `${long} extra`), { ...opts, near: false })[1].duplicateOf).toBeNull();
  });

  it('points every member at the group leader (lowest sampleIndex), whatever the input order', () => {
    const xs = items(long, `${long} extra words`, `${long} other words`, `${long} extra words`);
    const shuffled = [xs[3], xs[1], xs[0], xs[2]];
    const r = findDuplicates(shuffled, opts);
    expect(r.map((a) => a.id)).toEqual([100, 101, 102, 103]);
    expect(r.map((a) => a.duplicateOf)).toEqual([null, 100, 100, 100]);
    expect(r[0].duplicates).toEqual([101, 102, 103]);
  });

  it('never calls texts without words near-duplicates of each other', () => {
    const r = findDuplicates(items('...', '!!!'), { ...opts, threshold: 0.01 });
    expect(r.map((a) => a.duplicateOf)).toEqual([null, null]);
  });
});
