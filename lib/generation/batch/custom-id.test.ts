import { describe, expect, it } from 'vitest';
import { formatCustomId, parseCustomId, planLines } from './custom-id';

describe('batch custom_id', () => {
  it('round-trips and rejects anything else', () => {
    const k = { runId: 12, promptId: 345, firstSample: 2, count: 6 };
    expect(parseCustomId(formatCustomId(k))).toEqual(k);
    expect(parseCustomId('r1.p2.s3')).toBeNull();
    expect(parseCustomId('r1.p2.s3.n0')).toBeNull();
    expect(parseCustomId('request-1')).toBeNull();
  });

  it('plans one n-line for a contiguous range on an n endpoint, one line per sample otherwise', () => {
    expect(planLines(1, 2, [0, 1, 2, 3], true)).toEqual([{ runId: 1, promptId: 2, firstSample: 0, count: 4 }]);
    expect(planLines(1, 2, [0, 2], true).map((l) => l.firstSample)).toEqual([0, 2]);
    expect(planLines(1, 2, [1, 0], false)).toEqual([
      { runId: 1, promptId: 2, firstSample: 0, count: 1 },
      { runId: 1, promptId: 2, firstSample: 1, count: 1 },
    ]);
    expect(planLines(1, 2, [], true)).toEqual([]);
  });
});
