import { describe, expect, it } from 'vitest';
import { toRuns } from './reserve-ids';

describe('toRuns', () => {
  it('joins consecutive ids into runs, in ascending order', () => {
    expect(toRuns([7, 8, 9, 12, 13, 20])).toEqual([
      { next: 7, last: 9 },
      { next: 12, last: 13 },
      { next: 20, last: 20 },
    ]);
  });

  it('sorts ids first (an array from the server carries no order)', () => {
    expect(toRuns([5, 3, 4, 10])).toEqual([
      { next: 3, last: 5 },
      { next: 10, last: 10 },
    ]);
  });
});
