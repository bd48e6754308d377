// Turns whatever a model call threw into one decision: retry or not, what kind of failure, a message
// safe to store and show, and the delay the server asked for. Follows the openai SDK's own retry
// rule (408, 409, 429 and 5xx are transient) but keeps the kind so callers can count, pace and report.
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from 'openai';
import { parseRetryAfter, type HeadersLike } from './parse-retry-after';
import { redactValues } from '../security/redact-secrets';

export type ErrorKind = 'rate_limit' | 'server' | 'timeout' | 'connection' | 'bad_request' | 'auth' | 'not_found' | 'garbage' | 'unknown';

export interface ClassifiedError {
  retryable: boolean;
  kind: ErrorKind;
  message: string;
  retryAfterMs: number | null;
}

const MAX_MESSAGE = 500;

// Provider messages echo (masked) keys; a stored or displayed message must never carry one.
export { redactValues as redactSecrets } from '../security/redact-secrets';

function clean(message: string, secrets: readonly string[]): string {
  const m = redactValues(message.replace(/\s+/g, ' ').trim(), secrets);
  return m.length > MAX_MESSAGE ? `${m.slice(0, MAX_MESSAGE - 1)}…` : m;
}

/**
 * Classification of an HTTP failure, also usable for batch output lines (status_code + body).
 * 4xx other than 408/409/429 are permanent: retrying the same request cannot help, and the provider's
 * message (e.g. "max_tokens is too large") is what the user needs to see.
 */
export function classifyStatus(
  status: number,
  message: string,
  headers: HeadersLike = null,
  code: string | null = null,
  secrets: readonly string[] = [],
): ClassifiedError {
  const msg = clean(message || `HTTP ${status}`, secrets);
  const retryAfterMs = parseRetryAfter(headers);
  if (status === 429) {
    // OpenAI sends 429 for an exhausted prepaid balance too; waiting does not fix billing.
    const quota = code === 'insufficient_quota';
    return { retryable: !quota, kind: 'rate_limit', message: msg, retryAfterMs: quota ? null : retryAfterMs };
  }
  if (status === 408) return { retryable: true, kind: 'timeout', message: msg, retryAfterMs };
  if (status === 409) return { retryable: true, kind: 'server', message: msg, retryAfterMs };
  if (status >= 500) return { retryable: true, kind: 'server', message: msg, retryAfterMs };
  if (status === 401 || status === 403) return { retryable: false, kind: 'auth', message: msg, retryAfterMs: null };
  if (status === 404) return { retryable: false, kind: 'not_found', message: msg, retryAfterMs: null };
  if (status >= 400) return { retryable: false, kind: 'bad_request', message: msg, retryAfterMs: null };
  return { retryable: false, kind: 'unknown', message: msg, retryAfterMs: null };
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function errnoCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || TIMEOUT_CODES.has(code))) return code;
  }
  return undefined;
}

/** Classifies an error thrown by an `openai` SDK call (or by fetch / JSON parsing around it). */
export function classifyError(err: unknown, secrets: readonly string[] = []): ClassifiedError {
  // Order matters: the timeout and abort classes extend APIConnectionError / APIError.
  if (err instanceof APIConnectionTimeoutError) return { retryable: true, kind: 'timeout', message: clean(err.message, secrets), retryAfterMs: null };
  if (err instanceof APIUserAbortError) {
    // We aborted (shutdown, cancelled run): not the provider's fault, and not for this call to retry.
    return { retryable: false, kind: 'unknown', message: clean(err.message || 'Request was aborted.', secrets), retryAfterMs: null };
  }
  if (err instanceof APIConnectionError) {
    const code = errnoCode(err);
    const kind = code && TIMEOUT_CODES.has(code) ? 'timeout' : 'connection';
    return { retryable: true, kind, message: clean(code ? `${err.message} (${code})` : err.message, secrets), retryAfterMs: null };
  }
  if (err instanceof APIError && typeof err.status === 'number') {
    return classifyStatus(err.status, err.message, err.headers, typeof err.code === 'string' ? err.code : null, secrets);
  }
  // No status: an `error` event inside a stream (the provider failed mid-answer, e.g. overloaded).
  if (err instanceof APIError) return { retryable: true, kind: 'server', message: clean(err.message, secrets), retryAfterMs: null };
  // A 200 whose body is not JSON (proxy pages, truncated bodies): the SDK surfaces the parser's error.
  if (err instanceof SyntaxError) return { retryable: true, kind: 'garbage', message: clean(`Unparseable response: ${err.message}`, secrets), retryAfterMs: null };
  // Duck typing for errors from another copy of the SDK or a plain fetch wrapper.
  const status = (err as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400) {
    const e = err as { message?: unknown; headers?: HeadersLike; code?: unknown };
    return classifyStatus(status, String(e.message ?? ''), e.headers ?? null, typeof e.code === 'string' ? e.code : null, secrets);
  }
  const code = errnoCode(err);
  const message = clean(err instanceof Error ? err.message : String(err), secrets);
  if (code) return { retryable: true, kind: TIMEOUT_CODES.has(code) ? 'timeout' : 'connection', message, retryAfterMs: null };
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
    return { retryable: err.name === 'TimeoutError', kind: err.name === 'TimeoutError' ? 'timeout' : 'unknown', message, retryAfterMs: null };
  }
  return { retryable: false, kind: 'unknown', message, retryAfterMs: null };
}
