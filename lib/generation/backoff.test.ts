import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  const opts = { baseMs: 100, factor: 2, maxMs: 1_000, serverJitter: 0.1 };

  it('grows exponentially with full jitter, capped at maxMs', () => {
    const top = { ...opts, random: () => 0.999999 };
    expect([0, 1, 2, 3, 4, 10].map((a) => backoffDelay(a, null, top))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(backoffDelay(3, null, { ...opts, random: () => 0 })).toBe(0);
    expect(backoffDelay(3, null, { ...opts, random: () => 0.5 })).toBe(400);
  });

  it('never waits less than the server asked, even beyond maxMs', () => {
    for (const r of [0, 0.3, 0.99]) {
      expect(backoffDelay(0, 5_000, { ...opts, random: () => r })).toBeGreaterThanOrEqual(5_000);
      expect(backoffDelay(0, 1.4, { ...opts, random: () => r })).toBeGreaterThanOrEqual(1.4);
    }
    // A little spread on top so workers told the same Retry-After do not return together.
    expect(backoffDelay(0, 5_000, { ...opts, random: () => 0.5 })).toBe(5_250);
    // A long exponential delay still wins over a short server hint.
    expect(backoffDelay(4, 10, { ...opts, random: () => 0.999999 })).toBe(1_000);
  });

  it('uses defaults and Math.random when not given', () => {
    const d = backoffDelay(0);
    expect(d).toBeGreaterThanOrEqual(0);
    expect(d).toBeLessThanOrEqual(500);
  });
});
