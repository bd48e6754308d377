// Retry delays: exponential backoff with "full jitter" (a uniform draw in [0, cap)), which spreads
// retries from many workers best (AWS Architecture Blog, "Exponential Backoff and Jitter"), but never
// shorter than what the server asked for via Retry-After & co.

export interface BackoffOptions {
  /** Delay cap of the first retry (ms). */
  baseMs: number;
  /** Growth per attempt. */
  factor: number;
  /** Upper bound of the exponential part (ms); a longer server-requested delay still wins. */
  maxMs: number;
  /** Extra share (0…1) added on top of a server delay, so workers told "wait 2 s" do not return in lockstep. */
  serverJitter: number;
  /** Injectable for tests. */
  random: () => number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 500, factor: 2, maxMs: 60_000, serverJitter: 0.1, random: Math.random };

/**
 * Delay before retry number `attempt` (0 = first retry). `serverDelayMs` is what the provider asked
 * for (parseRetryAfter), or null.
 */
export function backoffDelay(attempt: number, serverDelayMs: number | null = null, options: Partial<BackoffOptions> = {}): number {
  const o = { ...defaultBackoff, ...options };
  const ceiling = Math.min(o.maxMs, o.baseMs * Math.pow(o.factor, Math.max(0, attempt)));
  const jittered = o.random() * ceiling;
  if (serverDelayMs === null || serverDelayMs <= 0) return Math.round(jittered);
  const server = serverDelayMs * (1 + o.serverJitter * o.random());
  // ceil: rounding must never take us under what the server asked for.
  return Math.ceil(Math.max(jittered, server));
}
