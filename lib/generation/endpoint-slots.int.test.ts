import { beforeEach, describe, expect, it, vi } from 'vitest';
import { pgPool } from '../db/pool';
import { resetDatabase } from '../testing/reset-database';
import { EndpointSlots } from './endpoint-slots';
import { seedEndpoint } from './test-fixtures';

beforeEach(async () => {
  await resetDatabase();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(ok: () => boolean | Promise<boolean>, ms = 2000) {
  for (const deadline = Date.now() + ms; !(await ok()); await sleep(10)) if (Date.now() > deadline) throw new Error('timed out');
}

describe('EndpointSlots (concurrency shared through endpoint_leases)', () => {
  it('two workers together never hold more than the max, and both get work', async () => {
    const endpointId = await seedEndpoint('http://127.0.0.1:9/v1');
    const a = new EndpointSlots(pgPool(), endpointId, 'worker-a', 3, { localCap: 8, turnMs: 100 });
    const b = new EndpointSlots(pgPool(), endpointId, 'worker-b', 3, { localCap: 8, turnMs: 100 });
    let inUse = 0;
    let peak = 0;
    const served = { a: 0, b: 0 };
    const task = async (s: EndpointSlots, who: 'a' | 'b') => {
      const slot = await s.acquire();
      inUse++;
      peak = Math.max(peak, inUse);
      served[who]++;
      await sleep(15);
      inUse--;
      s.release(slot);
    };
    await Promise.all([...Array.from({ length: 40 }, () => task(a, 'a')), ...Array.from({ length: 40 }, () => task(b, 'b'))]);
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBeGreaterThanOrEqual(2);
    expect(served).toEqual({ a: 40, b: 40 });
    await Promise.all([a.close(), b.close()]);
    const { rows } = await pgPool().query('SELECT count(*)::int AS n FROM endpoint_leases WHERE worker_id IS NOT NULL');
    expect(rows[0].n).toBe(0);
  });

  it('reserve() leases ahead within the caps; acquire then needs no lease; unused slots go back', async () => {
    const endpointId = await seedEndpoint('http://127.0.0.1:9/v1');
    const leasedBy = async (w: string) =>
      (await pgPool().query('SELECT count(*)::int AS n FROM endpoint_leases WHERE endpoint_id = $1 AND worker_id = $2', [endpointId, w])).rows[0].n as number;
    const other = new EndpointSlots(pgPool(), endpointId, 'other', 6, { localCap: 8 });
    const held = await other.acquire(); // another worker holds one of the 6
    const a = new EndpointSlots(pgPool(), endpointId, 'worker-a', 6, { localCap: 4 });
    a.reserve(10); // capped by the local cap (4), never more than is free
    await waitUntil(() => a.held === 4);
    expect(await leasedBy('worker-a')).toBe(4);
    // Three requests take reserved slots without going to the table.
    const spy = vi.spyOn(pgPool(), 'query');
    const slots = await Promise.all([a.acquire(), a.acquire(), a.acquire()]);
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
    expect(new Set(slots).size).toBe(3);
    expect(slots).not.toContain(held);
    // Reserving again while the caps are reached leases nothing more.
    a.reserve(5);
    await sleep(50);
    expect(a.held).toBe(4);
    // The reserved slot nobody took, then the released ones, go back on their own.
    for (const s of slots) a.release(s);
    await waitUntil(() => a.held === 0, 3000);
    await waitUntil(async () => (await leasedBy('worker-a')) === 0, 1000);
    other.release(held);
    await Promise.all([a.close(), other.close()]);
  });

  it('fairness turns only while other workers are alive: alone, an overdue slot goes straight to the next request', async () => {
    const endpointId = await seedEndpoint('http://127.0.0.1:9/v1');
    const a = new EndpointSlots(pgPool(), endpointId, 'worker-a', 1, { localCap: 1, turnMs: 50 });
    const released = (calls: unknown[][]) => calls.some((c) => String(c[0]).includes('SET worker_id = NULL'));
    a.setContended(false);
    const slot = await a.acquire();
    await sleep(80); // held past its turn
    const spy = vi.spyOn(pgPool(), 'query');
    let next = a.acquire();
    a.release(slot);
    expect(await next).toBe(slot);
    expect(released(spy.mock.calls)).toBe(false); // kept: nobody to make room for
    // With peers, the overdue slot goes back to the table (and is leased again for the waiter).
    a.setContended(true);
    await sleep(80);
    next = a.acquire();
    a.release(slot);
    expect(await next).toBe(slot);
    expect(released(spy.mock.calls)).toBe(true);
    spy.mockRestore();
    a.release(slot);
    await a.close();
  });

  it("a dead worker's leases come back when they expire", async () => {
    const endpointId = await seedEndpoint('http://127.0.0.1:9/v1');
    const dead = new EndpointSlots(pgPool(), endpointId, 'dead', 2, { localCap: 2, leaseMs: 300 });
    await Promise.all([dead.acquire(), dead.acquire()]); // never released: the process "died"
    const live = new EndpointSlots(pgPool(), endpointId, 'live', 2, { localCap: 2, leaseMs: 300 });
    const started = Date.now();
    const slot = await live.acquire();
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect([0, 1]).toContain(slot);
    live.release(slot);
    await live.close();
  });
});
