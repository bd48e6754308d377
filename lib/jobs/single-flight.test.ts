import { describe, expect, it } from 'vitest';
import { singleFlight } from './single-flight';

describe('singleFlight', () => {
  it('shares one pending load per key, and loads again once it settled (also after a failure)', async () => {
    const pending = new Map<number, Promise<string>>();
    let loads = 0;
    const load = (v: string) => () => new Promise<string>((resolve) => setTimeout(() => resolve(`${v}${++loads}`), 5));
    const [a, b, c] = await Promise.all([singleFlight(pending, 1, load('a')), singleFlight(pending, 1, load('b')), singleFlight(pending, 2, load('c'))]);
    expect([a, b]).toEqual(['a1', 'a1']);
    expect(c).toBe('c2');
    expect(pending.size).toBe(0);
    await expect(singleFlight(pending, 1, () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await singleFlight(pending, 1, load('d'))).toBe('d3');
  });
});
