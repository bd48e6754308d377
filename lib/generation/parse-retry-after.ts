// How long a provider asked us to wait, in ms, from response headers. Providers disagree on the
// header: RFC 9110 `Retry-After` (seconds or HTTP-date), `retry-after-ms` (Azure; also read by the
// openai SDK), and OpenAI's `x-ratelimit-reset-requests|tokens` as Go durations ("1s", "6m0s", "20ms").

/** A server asking for more than this is treated as asking for this (a stuck job is worse than a retry). */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;

/** `Headers`, the SDK's error.headers, or a plain node-style object. */
export type HeadersLike =
  | { get(name: string): string | null }
  | Record<string, string | string[] | number | undefined | null>
  | null
  | undefined;

function header(headers: HeadersLike, name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as { get?: unknown }).get === 'function') return (headers as { get(n: string): string | null }).get(name);
  const rec = headers as Record<string, unknown>;
  const key = Object.keys(rec).find((k) => k.toLowerCase() === name);
  const v = key === undefined ? undefined : rec[key];
  if (Array.isArray(v)) return v[0] == null ? null : String(v[0]);
  return v == null ? null : String(v);
}

const cap = (ms: number) => Math.min(Math.max(0, ms), MAX_RETRY_AFTER_MS);

const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };

/** Go duration ("1h2m3.5s", "20ms") or bare seconds ("1.5") → ms; null when unparseable. */
export function parseDurationMs(value: string | null | undefined): number | null {
  const v = value?.trim();
  if (!v) return null;
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/gy;
  let total = 0;
  let end = 0;
  for (let m = re.exec(v); m; m = re.exec(v)) {
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    end = re.lastIndex;
  }
  return end === v.length ? total : null;
}

/** RFC 9110 Retry-After: delay-seconds or an HTTP-date (relative to `now`). */
export function parseRetryAfterValue(value: string | null | undefined, now = Date.now()): number | null {
  const v = value?.trim();
  if (!v) return null;
  if (/^\d+(\.\d+)?$/.test(v)) return cap(Number(v) * 1000);
  // Only accept something that looks like a date, not any string Date.parse happens to accept ("1").
  if (!/[a-z]{3}/i.test(v)) return null;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : cap(at - now);
}

/**
 * The wait the server asked for, or null when it gave no usable hint. Precedence: retry-after-ms
 * (most precise), Retry-After, then the x-ratelimit reset of whichever limit is exhausted
 * (remaining = 0). Reset headers say when the whole quota refills, which overstates the wait when the
 * other limit is the one hit, hence only the exhausted one; if none is marked exhausted, the shortest.
 */
export function parseRetryAfter(headers: HeadersLike, now = Date.now()): number | null {
  const ms = header(headers, 'retry-after-ms');
  if (ms !== null && /^\d+(\.\d+)?$/.test(ms.trim())) return cap(Number(ms));
  const ra = parseRetryAfterValue(header(headers, 'retry-after'), now);
  if (ra !== null) return ra;

  const resets = (['requests', 'tokens'] as const)
    .map((kind) => ({
      ms: parseDurationMs(header(headers, `x-ratelimit-reset-${kind}`)),
      exhausted: header(headers, `x-ratelimit-remaining-${kind}`)?.trim() === '0',
    }))
    .filter((r): r is { ms: number; exhausted: boolean } => r.ms !== null);
  if (!resets.length) return null;
  const exhausted = resets.filter((r) => r.exhausted);
  return cap(exhausted.length ? Math.max(...exhausted.map((r) => r.ms)) : Math.min(...resets.map((r) => r.ms)));
}
