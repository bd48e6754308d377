import { describe, expect, it } from 'vitest';
import { RateLimitSignal } from './rate-limit-signal';

describe('RateLimitSignal', () => {
  it('ignores sporadic 429s', () => {
    const s = new RateLimitSignal();
    const decisions = Array.from({ length: 100 }, (_, i) => s.record(i % 10 === 0));
    expect(decisions.some(Boolean)).toBe(false);
  });

  it('pauses when most answers are 429, then needs fresh evidence', () => {
    const s = new RateLimitSignal(10, 0.5, 4);
    expect([s.record(true), s.record(true), s.record(true)]).toEqual([false, false, false]);
    expect(s.record(true)).toBe(true);
    expect(s.record(true)).toBe(false);
  });
});
