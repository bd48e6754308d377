// Client-side pacing for one endpoint: requests per minute, tokens per minute, and a cap on requests
// in flight. The rate part is GCRA (a token bucket kept as one "theoretical arrival time" per limit),
// so the whole state is three numbers — small enough to live in one database row when several worker
// processes must share an endpoint's budget: `reserve(state, now, cost, limits)` is the pure
// read-modify-write a store performs atomically (in memory here, SELECT … FOR UPDATE later).

/** Length of the provider's accounting window. */
export const WINDOW_MS = 60_000;

export interface RateLimits {
  rpm: number | null;
  tpm: number | null;
  /** Requests that may go at once on a rested bucket. Default: one second's worth (≥ 1). */
  requestBurst?: number;
  /** Tokens that may go at once on a rested bucket. Default: one second's worth. */
  tokenBurst?: number;
}

/** Serialisable limiter state: ms timestamps (0 = never used). */
export interface RateState {
  requestTat: number;
  tokenTat: number;
  /** Nobody sends before this (set after a 429 with Retry-After). */
  pausedUntil: number;
}

export const initialRateState = (): RateState => ({ requestTat: 0, tokenTat: 0, pausedUntil: 0 });

export interface Cost {
  /** Usually 1. */
  requests?: number;
  /** Estimated tokens (prompt + max_tokens × n); corrected later with adjustTokens(). */
  tokens?: number;
}

interface Bucket {
  /** Refill per ms. */
  rate: number;
  /** Burst tolerance in ms (burst / rate). */
  tau: number;
}

/**
 * Refill is (limit − burst) per window, so a rested bucket's burst plus a full window of refill
 * still fits the limit: with the limiter as the only client, any 60 s window carries at most `limit`
 * requests (requests are whole, hence the +1), and at most `limit` tokens as long as no single request
 * costs more than the token burst (otherwise up to that request's excess more).
 */
function bucket(limit: number, burst: number | undefined, whole: boolean): Bucket {
  if (!(limit > 0)) throw new Error(`rate limit must be positive, got ${limit}`);
  const wanted = burst ?? limit / 60;
  const b = whole ? Math.min(Math.max(Math.floor(wanted), 1), limit) : Math.min(Math.max(wanted, Number.MIN_VALUE), limit / 2);
  const rate = (limit - b + (whole ? 1 : 0)) / WINDOW_MS;
  return { rate, tau: b / rate };
}

function buckets(limits: RateLimits, cost: Cost) {
  const out: Array<{ key: 'requestTat' | 'tokenTat'; b: Bucket; c: number }> = [];
  const requests = cost.requests ?? 1;
  const tokens = cost.tokens ?? 0;
  if (limits.rpm !== null && requests > 0) out.push({ key: 'requestTat', b: bucket(limits.rpm, limits.requestBurst, true), c: requests });
  if (limits.tpm !== null && tokens > 0) out.push({ key: 'tokenTat', b: bucket(limits.tpm, limits.tokenBurst, false), c: tokens });
  return out;
}

/**
 * Reserves capacity for one call at `now`: returns the new state and how long to wait before
 * sending. The reservation is taken at once, so concurrent callers queue behind each other instead
 * of polling. Each bucket is charged at the actual send time (the latest any limit allows), which
 * keeps every limit's accounting true even when another limit is the one that delays.
 */
export function reserve(state: RateState, now: number, cost: Cost, limits: RateLimits): { state: RateState; waitMs: number } {
  const active = buckets(limits, cost);
  let sendAt = Math.max(now, state.pausedUntil);
  for (const { key, b, c } of active) sendAt = Math.max(sendAt, Math.max(state[key], now) + c / b.rate - b.tau);
  // Whole ms, rounded up: float error must never make a send land a hair inside the previous window.
  const due = Math.ceil(sendAt - 1e-9);
  sendAt = due <= now ? now : due;
  const next = { ...state };
  for (const { key, b, c } of active) next[key] = Math.max(state[key], sendAt) + c / b.rate;
  return { state: next, waitMs: sendAt - now };
}

/** Corrects a token reservation once usage is known (delta = actual − estimated; negative refunds). */
export function adjustTokens(state: RateState, now: number, delta: number, limits: RateLimits): RateState {
  if (limits.tpm === null || delta === 0) return state;
  const { rate } = bucket(limits.tpm, limits.tokenBurst, false);
  // A refund may push the arrival time into the past; reserve() treats that as a full bucket.
  const base = delta > 0 ? Math.max(state.tokenTat, now) : state.tokenTat;
  return { ...state, tokenTat: base + delta / rate };
}

/** Holds every caller back until `until` (e.g. now + Retry-After after a 429). */
export function pauseUntil(state: RateState, until: number): RateState {
  return { ...state, pausedUntil: Math.max(state.pausedUntil, until) };
}

// ── Runtime: clock, store, semaphore, limiter ───────────────────────────────────────────────────

export interface Clock {
  now(): number;
  /** Rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal!.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** Atomic read-modify-write of the shared state; `now` comes from the store so all workers agree. */
export interface RateStore {
  update<T>(fn: (state: RateState, now: number) => { state: RateState; result: T }): Promise<T>;
}

export class MemoryRateStore implements RateStore {
  constructor(
    private readonly clock: Clock = systemClock,
    public state: RateState = initialRateState(),
  ) {}
  async update<T>(fn: (state: RateState, now: number) => { state: RateState; result: T }): Promise<T> {
    const { state, result } = fn(this.state, this.clock.now());
    this.state = state;
    return result;
  }
}

/** FIFO counting semaphore (in-process; a shared one would count leases in the database). */
export class Semaphore {
  private active = 0;
  private queue: Array<() => void> = [];
  constructor(private limit: number) {}

  get inUse() {
    return this.active;
  }

  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw signal.reason;
    if (this.active < this.limit && this.queue.length === 0) this.active++;
    else
      await new Promise<void>((resolve, reject) => {
        const grant = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = () => {
          this.queue = this.queue.filter((g) => g !== grant);
          reject(signal!.reason);
        };
        this.queue.push(grant);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
      // Hand the slot straight to the next waiter so a newcomer cannot jump the queue.
      if (next) next();
      else this.active--;
    };
  }
}

export interface Permit {
  /** Time spent waiting for a slot and for the rate limits. */
  waitedMs: number;
  /** Frees the concurrency slot; pass the real token usage to correct the TPM estimate. */
  release(actualTokens?: number): Promise<void>;
}

export interface RateLimiterOptions {
  limits: RateLimits;
  maxConcurrency: number | null;
  clock?: Clock;
  store?: RateStore;
}

export class RateLimiter {
  private limits: RateLimits;
  private readonly clock: Clock;
  private readonly store: RateStore;
  private readonly semaphore: Semaphore | null;

  constructor(opts: RateLimiterOptions) {
    this.limits = opts.limits;
    this.clock = opts.clock ?? systemClock;
    this.store = opts.store ?? new MemoryRateStore(this.clock);
    this.semaphore = opts.maxConcurrency === null ? null : new Semaphore(opts.maxConcurrency);
  }

  get inFlight() {
    return this.semaphore?.inUse ?? 0;
  }

  /**
   * Waits for a concurrency slot, then reserves rate capacity and sleeps until it is due. Slot first:
   * a reservation is charged at its send time, so it must not be taken and then left queueing.
   */
  async acquire(cost: Cost = {}, signal?: AbortSignal): Promise<Permit> {
    const started = this.clock.now();
    const releaseSlot = this.semaphore ? await this.semaphore.acquire(signal) : () => {};
    const limits = this.limits;
    try {
      const waitMs = await this.store.update((state, now) => {
        const r = reserve(state, now, cost, limits);
        return { state: r.state, result: r.waitMs };
      });
      if (waitMs > 0) await this.clock.sleep(waitMs, signal);
    } catch (e) {
      // Not refunded on abort: others already queued behind this reservation (conservative).
      releaseSlot();
      throw e;
    }
    let done = false;
    return {
      waitedMs: this.clock.now() - started,
      release: async (actualTokens?: number) => {
        if (done) return;
        done = true;
        releaseSlot();
        if (actualTokens !== undefined && cost.tokens !== undefined) {
          const delta = actualTokens - cost.tokens;
          await this.store.update((state, now) => ({ state: adjustTokens(state, now, delta, limits), result: undefined }));
        }
      },
    };
  }

  /** After a 429 with Retry-After: everyone using this store waits, not just the caller that got it. */
  async pause(ms: number): Promise<void> {
    await this.store.update((state, now) => ({ state: pauseUntil(state, now + ms), result: undefined }));
  }

  setLimits(limits: RateLimits) {
    this.limits = limits;
  }
}
