// Which fault (if any) a request gets, the server's own RPM cap, and the rate-limit headers OpenAI
// sends (`retry-after`, `x-ratelimit-*`), so clients can be tested against realistic 429s.
import type { FakeOpenAIOptions, FaultKind } from './options';
import type { Rng } from './rng';

/** One draw per request: scripted faults first, then the configured rates, else none. */
export function chooseFault(opts: FakeOpenAIOptions, rng: Rng): FaultKind | null {
  const scripted = opts.scriptedFaults.shift();
  if (scripted) return scripted;
  const u = rng();
  let acc = 0;
  const table: Array<[FaultKind, number]> = [
    ['429', opts.rate429],
    ['500', opts.rate500],
    ['hang', opts.rateHang],
    ['garbage', opts.rateGarbage],
    ['400', opts.rate400],
  ];
  for (const [kind, rate] of table) {
    acc += rate;
    if (u < acc) return kind;
  }
  return null;
}

/** Sliding 60 s window of admitted requests, like a provider's per-minute request limit. */
export class RpmWindow {
  private times: number[] = [];
  private head = 0;
  constructor(private readonly windowMs = 60_000) {}

  private prune(now: number) {
    while (this.head < this.times.length && this.times[this.head]! <= now - this.windowMs) this.head++;
    // Compact now and then so the array does not grow without bound.
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }

  /** Admits the request, or returns how long until the oldest one leaves the window. */
  admit(now: number, limit: number): { ok: true; remaining: number } | { ok: false; retryAfterMs: number } {
    this.prune(now);
    const used = this.times.length - this.head;
    if (used >= limit) return { ok: false, retryAfterMs: Math.max(1, this.times[this.head]! + this.windowMs - now) };
    this.times.push(now);
    return { ok: true, remaining: limit - used - 1 };
  }

  /** ms until the window has room again (0 when it has room now). */
  resetMs(now: number): number {
    this.prune(now);
    return this.head < this.times.length ? Math.max(0, this.times[this.head]! + this.windowMs - now) : 0;
  }
}

/** OpenAI writes reset times as Go durations: "20ms", "1.5s", "6m0s". */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  const totalSec = ms / 1000;
  if (totalSec < 60) return `${Math.round(totalSec * 1000) / 1000}s`;
  const min = Math.floor(totalSec / 60);
  return `${min}m${Math.round((totalSec - min * 60) * 1000) / 1000}s`;
}

const FAKE_TPM = 1_000_000;

/** Headers of a 429. `retryAfterMs` null: no timing headers (the client must back off on its own). */
export function rateLimitHeaders(limit: number, retryAfterMs: number | null): Record<string, string> {
  const h: Record<string, string> = {
    'x-ratelimit-limit-requests': String(limit),
    'x-ratelimit-remaining-requests': '0',
    'x-ratelimit-limit-tokens': String(FAKE_TPM),
    'x-ratelimit-remaining-tokens': String(FAKE_TPM),
  };
  if (retryAfterMs !== null) {
    // Retry-After is whole seconds by the HTTP spec; retry-after-ms (Azure, and read by the openai SDK) is exact.
    h['retry-after'] = String(Math.ceil(retryAfterMs / 1000));
    h['retry-after-ms'] = String(Math.round(retryAfterMs));
    h['x-ratelimit-reset-requests'] = goDuration(retryAfterMs);
    h['x-ratelimit-reset-tokens'] = '0s';
  }
  return h;
}
