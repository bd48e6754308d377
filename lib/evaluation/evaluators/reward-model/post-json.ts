import 'server-only';
import { backoffDelay, type BackoffOptions } from '../../../generation/backoff';
import { classifyError, classifyStatus, type ErrorKind } from '../../../generation/classify-error';
import { systemClock } from '../../../generation/rate-limiter';

export interface PostOptions {
  signal: AbortSignal;
  timeoutMs: number;
  maxAttempts: number;
  headers?: Record<string, string>;
  secrets?: readonly string[];
  backoff?: Partial<BackoffOptions>;
}

export type PostResult = { ok: true; json: unknown; attempts: number } | { ok: false; error: string; kind: ErrorKind; attempts: number };

const MAX_BODY_IN_ERROR = 300;

/**
 * POSTs JSON and parses the JSON answer, with the generation engine's retry rules: 408/409/429/5xx,
 * timeouts, connection errors and unparseable 200s are retried with backoff + jitter (never sooner
 * than Retry-After); other 4xx are final. Never throws for HTTP trouble; throws when `signal` aborts.
 */
export async function postJson(url: string, body: unknown, o: PostOptions): Promise<PostResult> {
  const payload = JSON.stringify(body);
  for (let attempt = 0; ; attempt++) {
    o.signal.throwIfAborted();
    let failure;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...o.headers },
        body: payload,
        signal: AbortSignal.any([o.signal, AbortSignal.timeout(o.timeoutMs)]),
        redirect: 'error',
      });
      const text = await res.text();
      if (res.ok) {
        try {
          return { ok: true, json: JSON.parse(text), attempts: attempt + 1 };
        } catch {
          failure = { retryable: true, kind: 'garbage' as const, message: `Unparseable response: ${text.slice(0, 80)}`, retryAfterMs: null };
        }
      } else {
        let message = text.slice(0, MAX_BODY_IN_ERROR);
        try {
          const j = JSON.parse(text) as { message?: unknown; error?: unknown; detail?: unknown };
          const m = j.message ?? (j.error as { message?: unknown } | undefined)?.message ?? j.error ?? j.detail;
          if (typeof m === 'string') message = m;
        } catch {
          // not JSON: keep the text
        }
        failure = classifyStatus(res.status, `HTTP ${res.status}: ${message}`, res.headers, null, o.secrets ?? []);
      }
    } catch (e) {
      if (o.signal.aborted) throw o.signal.reason;
      failure = classifyError(e, o.secrets ?? []);
    }
    if (!failure.retryable || attempt + 1 >= o.maxAttempts) {
      const tries = attempt + 1;
      const error = failure.retryable ? `${failure.message} (gave up after ${tries} attempt${tries === 1 ? '' : 's'})` : failure.message;
      return { ok: false, error, kind: failure.kind, attempts: tries };
    }
    await systemClock.sleep(backoffDelay(attempt, failure.retryAfterMs, o.backoff), o.signal);
  }
}
