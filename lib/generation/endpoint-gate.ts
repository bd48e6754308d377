import 'server-only';
import type pg from 'pg';
import type { EndpointConfig } from './endpoint-config';
import { EndpointSlots } from './endpoint-slots';
import { PgRateStore } from './pg-rate-store';
import { RateLimiter, systemClock, type Permit, type RateLimits } from './rate-limiter';
import { RateLimitSignal } from './rate-limit-signal';

/**
 * Share of a configured RPM/TPM the limiter actually uses. It spaces requests by their reserved
 * send times, but they reach the provider a little later and unevenly (event-loop lag, a busy
 * machine): measured with 3 workers against a 600 RPM sliding-window cap, pacing at exactly 600
 * let 602 arrive in the busiest 60 s and drew two 429s. 2 % (1.2 s of slack at 600 RPM) absorbs it.
 */
export const LIMIT_SAFETY = 0.98;

function withMargin(limit: number | null): number | null {
  return limit === null ? null : Math.max(1, Math.floor(limit * LIMIT_SAFETY));
}

export interface GateLease {
  /** Frees the slot; `actualTokens` corrects the TPM estimate. */
  release(actualTokens?: number): void;
}

/**
 * Everything a request to one endpoint must pass, across all workers: a concurrency slot
 * (EndpointSlots), then the RPM/TPM pacing (RateLimiter over PgRateStore) or, for an endpoint with
 * no rate limits, only a shared pause set after a burst of 429s.
 */
export class EndpointGate {
  readonly slots: EndpointSlots;
  private readonly store: PgRateStore;
  private limiter: RateLimiter | null = null;
  private limitsKey = '';
  private readonly signal429 = new RateLimitSignal();
  /** Local-clock copy of the shared pause, refreshed at most every second while busy. */
  private pausedUntil = 0;
  private pauseCheckedAt = 0;

  constructor(
    private readonly pool: pg.Pool,
    workerId: string,
    endpoint: EndpointConfig,
    opts: { localCap: number; leaseMs?: number },
  ) {
    this.slots = new EndpointSlots(pool, endpoint.id, workerId, endpoint.maxConcurrency, { localCap: opts.localCap, leaseMs: opts.leaseMs });
    this.store = new PgRateStore(pool, endpoint.id);
    this.configure(endpoint);
  }

  /** Applies changed limits (the endpoint was edited while runs go on). */
  configure(endpoint: EndpointConfig) {
    this.slots.setMax(endpoint.maxConcurrency);
    const limits: RateLimits = { rpm: withMargin(endpoint.rpm), tpm: withMargin(endpoint.tpm) };
    const key = `${limits.rpm}/${limits.tpm}`;
    if (key === this.limitsKey) return;
    this.limitsKey = key;
    if (limits.rpm === null && limits.tpm === null) this.limiter = null;
    else if (this.limiter) this.limiter.setLimits(limits);
    else this.limiter = new RateLimiter({ limits, maxConcurrency: null, store: this.store });
  }

  get usesTokens() {
    return this.limitsKey.split('/')[1] !== 'null';
  }

  async acquire(estimatedTokens: number, signal: AbortSignal): Promise<GateLease> {
    const slot = await this.slots.acquire(signal);
    let permit: Permit | null = null;
    try {
      if (this.limiter) permit = await this.limiter.acquire({ requests: 1, tokens: this.usesTokens ? estimatedTokens : undefined }, signal);
      else await this.waitForPause(signal);
    } catch (e) {
      this.slots.release(slot);
      throw e;
    }
    let released = false;
    return {
      release: (actualTokens?: number) => {
        if (released) return;
        released = true;
        this.slots.release(slot);
        void permit?.release(actualTokens).catch(() => {});
      },
    };
  }

  private async waitForPause(signal: AbortSignal) {
    if (Date.now() - this.pauseCheckedAt > 1000) {
      this.pauseCheckedAt = Date.now();
      // Refreshed in the background: a request never waits for this read.
      void this.store
        .readPause()
        .then(({ pausedUntil, now }) => {
          this.pausedUntil = Math.max(this.pausedUntil, Date.now() + (pausedUntil - now));
        })
        .catch(() => {});
    }
    const wait = this.pausedUntil - Date.now();
    if (wait > 0) await systemClock.sleep(wait, signal);
  }

  /** After each answer: 429s in most recent answers pause every worker for the Retry-After. */
  async answered(rateLimited: boolean, retryAfterMs: number | null) {
    if (!this.signal429.record(rateLimited)) return;
    const ms = retryAfterMs ?? 1000;
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
    if (this.limiter) await this.limiter.pause(ms).catch(() => {});
    else await this.store.update((state, now) => ({ state: { ...state, pausedUntil: Math.max(state.pausedUntil, now + ms) }, result: undefined })).catch(() => {});
  }

  close() {
    return this.slots.close();
  }
}
