import { describe, expect, it } from 'vitest';
import { adjustTokens, initialRateState, MemoryRateStore, pauseUntil, RateLimiter, reserve, Semaphore, WINDOW_MS, type Clock, type RateLimits, type RateState } from './rate-limiter';

/** Virtual time: sleeps resolve only when the test advances the clock. */
class ManualClock implements Clock {
  t = 1_000_000;
  private timers: Array<{ at: number; resolve: () => void; reject: (e: unknown) => void }> = [];
  now = () => this.t;
  sleep = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      const timer = { at: this.t + ms, resolve, reject };
      this.timers.push(timer);
      signal?.addEventListener('abort', () => {
        this.timers = this.timers.filter((x) => x !== timer);
        reject(signal.reason);
      });
    });
  /** Runs until nothing is waiting on the clock. */
  async run(maxSteps = 1e6) {
    for (let i = 0; i < maxSteps; i++) {
      await new Promise((r) => setImmediate(r));
      if (!this.timers.length) return;
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers.shift()!;
      this.t = Math.max(this.t, next.at);
      next.resolve();
    }
  }
}

/** Most cost inside any half-open window (t − W, t] — how a provider's sliding window counts. */
function peakWindow(events: Array<{ t: number; cost: number }>, w = WINDOW_MS) {
  const sorted = [...events].sort((a, b) => a.t - b.t);
  let best = 0;
  let lo = 0;
  let sum = 0;
  for (const e of sorted) {
    sum += e.cost;
    while (sorted[lo]!.t <= e.t - w) sum -= sorted[lo++]!.cost;
    best = Math.max(best, sum);
  }
  return best;
}

describe('reserve (pure core)', () => {
  const limits: RateLimits = { rpm: 600, tpm: null };

  it('lets a burst go at once, then paces at the limit', () => {
    let s = initialRateState();
    const waits: number[] = [];
    for (let i = 0; i < 14; i++) {
      const r = reserve(s, 0, {}, limits);
      s = r.state;
      waits.push(r.waitMs);
    }
    // burst = 10 (one second of 600 rpm); refill (600 − 10 + 1) per minute ≈ one per 101.5 ms.
    expect(waits.slice(0, 10)).toEqual(Array(10).fill(0));
    expect(waits.slice(10)).toEqual([102, 204, 305, 407]); // k × 101.52 ms, rounded up to whole ms
  });

  it('never puts more than rpm requests, or tpm tokens, in any 60 s window', () => {
    for (const lim of [
      { rpm: 1, tpm: null },
      { rpm: 7, tpm: null },
      { rpm: 600, tpm: 20_000, tokenBurst: 2_000 },
      { rpm: 60, tpm: 5_000, requestBurst: 5 },
    ] satisfies RateLimits[]) {
      let s: RateState = initialRateState();
      let now = 0;
      const sent: Array<{ t: number; cost: number }> = [];
      let seed = 7;
      const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
      for (let i = 0; i < 400; i++) {
        now += rand() < 0.3 ? Math.round(rand() * 20_000) : 0; // idle gaps and bursts (whole ms, like Date.now)
        const tokens = lim.tpm ? Math.ceil(rand() * 1_500) : 0;
        const r = reserve(s, now, { tokens }, lim);
        s = r.state;
        sent.push({ t: now + r.waitMs, cost: tokens });
      }
      expect(peakWindow(sent.map((e) => ({ ...e, cost: 1 })))).toBeLessThanOrEqual(lim.rpm);
      if (lim.tpm) expect(peakWindow(sent)).toBeLessThanOrEqual(lim.tpm);
    }
  });

  it('state survives a JSON round trip (it can live in a database row)', () => {
    let a = initialRateState();
    let b = initialRateState();
    for (let i = 0; i < 50; i++) {
      const ra = reserve(a, i * 10, { tokens: 100 }, { rpm: 100, tpm: 10_000 });
      const rb = reserve(JSON.parse(JSON.stringify(b)), i * 10, { tokens: 100 }, { rpm: 100, tpm: 10_000 });
      expect(rb.waitMs).toBe(ra.waitMs);
      a = ra.state;
      b = rb.state;
    }
  });

  it('refunds unused tokens and honours a pause', () => {
    const lim: RateLimits = { rpm: null, tpm: 6_000, tokenBurst: 100 };
    let s = reserve(initialRateState(), 0, { tokens: 100 }, lim).state;
    expect(reserve(s, 0, { tokens: 100 }, lim).waitMs).toBeGreaterThan(0);
    s = adjustTokens(s, 0, -100, lim); // used nothing after all
    expect(reserve(s, 0, { tokens: 100 }, lim).waitMs).toBe(0);
    s = pauseUntil(s, 5_000);
    expect(reserve(s, 1_000, { tokens: 1 }, lim).waitMs).toBe(4_000);
    expect(reserve(initialRateState(), 0, {}, { rpm: null, tpm: null }).waitMs).toBe(0);
  });
});

describe('RateLimiter (clock injected)', () => {
  it('caps concurrency and rate together', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ limits: { rpm: 120, tpm: null }, maxConcurrency: 3, clock });
    const starts: number[] = [];
    let inFlight = 0;
    let peak = 0;
    const job = async () => {
      const p = await limiter.acquire();
      starts.push(clock.now());
      peak = Math.max(peak, ++inFlight);
      await clock.sleep(1_500); // the model call
      inFlight--;
      await p.release();
    };
    const all = Promise.all(Array.from({ length: 20 }, job));
    await clock.run();
    await all;
    expect(peak).toBe(3);
    expect(peakWindow(starts.map((t) => ({ t, cost: 1 })))).toBeLessThanOrEqual(120);
    expect(limiter.inFlight).toBe(0);
  });

  it('an aborted wait frees its slot', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter({ limits: { rpm: 1, tpm: null }, maxConcurrency: 1, clock });
    const first = await limiter.acquire();
    await first.release();
    const ac = new AbortController();
    const waiting = limiter.acquire({}, ac.signal).catch((e: unknown) => e);
    await new Promise((r) => setImmediate(r));
    expect(limiter.inFlight).toBe(1);
    ac.abort(new Error('stop'));
    expect(await waiting).toEqual(new Error('stop'));
    expect(limiter.inFlight).toBe(0);
  });

  it('pause() holds back everyone sharing the store', async () => {
    const clock = new ManualClock();
    const store = new MemoryRateStore(clock);
    const a = new RateLimiter({ limits: { rpm: null, tpm: null }, maxConcurrency: null, clock, store });
    const b = new RateLimiter({ limits: { rpm: null, tpm: null }, maxConcurrency: null, clock, store });
    await a.pause(2_000);
    const t0 = clock.now();
    const p = b.acquire();
    await clock.run();
    expect((await p).waitedMs).toBe(2_000);
    expect(clock.now() - t0).toBe(2_000);
  });

  it('release(actualTokens) corrects the estimate', async () => {
    const clock = new ManualClock();
    const store = new MemoryRateStore(clock);
    const limiter = new RateLimiter({ limits: { rpm: null, tpm: 60_000, tokenBurst: 1_000 }, maxConcurrency: null, clock, store });
    const p = await limiter.acquire({ tokens: 1_000 });
    const before = store.state.tokenTat;
    await p.release(200);
    expect(store.state.tokenTat).toBeLessThan(before);
  });
});

describe('Semaphore', () => {
  it('is FIFO and releases are idempotent', async () => {
    const s = new Semaphore(1);
    const order: number[] = [];
    const r0 = await s.acquire();
    const waiters = [1, 2, 3].map((i) => s.acquire().then((r) => (order.push(i), r)));
    r0();
    r0();
    for (const w of waiters) (await w)();
    expect(order).toEqual([1, 2, 3]);
    expect(s.inUse).toBe(0);
  });
});
