import 'server-only';
import type OpenAI from 'openai';
import { backoffDelay, type BackoffOptions } from '../../../generation/backoff';
import { classifyError, type ErrorKind } from '../../../generation/classify-error';
import { systemClock } from '../../../generation/rate-limiter';
import type { ChatMessage } from '../types';
import type { JudgeGate } from './judge-limiter';

export interface JudgeRequest {
  model: string;
  messages: ChatMessage[];
  temperature: number;
  maxTokens: number;
  /** response_format to send, or null for plain text. */
  responseFormat: Record<string, unknown> | null;
}

export interface JudgeCallOptions {
  client: OpenAI;
  gate: JudgeGate;
  signal: AbortSignal;
  timeoutMs: number;
  maxAttempts: number;
  /** Values that must never appear in a stored error (the API key). */
  secrets?: readonly string[];
  backoff?: Partial<BackoffOptions>;
}

export type JudgeReply =
  | { ok: true; content: string; finishReason: string | null; model: string; attempts: number; structured: boolean }
  | { ok: false; error: string; kind: ErrorKind; attempts: number; structured: boolean };

/** A 400 that says the endpoint does not do structured output (vLLM, Ollama, older proxies word it differently). */
const FORMAT_REJECTED = /response_format|json_schema|structured output|guided|grammar/i;

/** ~4 characters per token, plus the completion budget: good enough for pacing. */
function estimateTokens(r: JudgeRequest): number {
  return Math.ceil(r.messages.reduce((n, m) => n + m.content.length, 0) / 4) + r.maxTokens;
}

/**
 * One judge request, retried with exponential backoff + full jitter (never sooner than Retry-After)
 * on 408/409/429/5xx, timeouts and connection errors. Other 4xx are final. When the endpoint rejects
 * `response_format`, the request is repeated once as plain text (`structured: false` tells the
 * caller to stop asking). Never throws for provider errors; throws only when `signal` aborts.
 */
export async function callJudge(req: JudgeRequest, o: JudgeCallOptions): Promise<JudgeReply> {
  let responseFormat = req.responseFormat;
  for (let attempt = 0; ; attempt++) {
    o.signal.throwIfAborted();
    const lease = await o.gate.acquire(estimateTokens(req), o.signal);
    const request = new AbortController();
    const onAbort = () => request.abort(o.signal.reason);
    o.signal.addEventListener('abort', onAbort, { once: true });
    try {
      const body: OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming = {
        model: req.model,
        messages: req.messages as OpenAI.Chat.Completions.ChatCompletionMessageParam[],
        temperature: req.temperature,
        max_tokens: req.maxTokens,
        ...(responseFormat ? { response_format: responseFormat as unknown as OpenAI.ResponseFormatJSONSchema } : {}),
      };
      const res = await o.client.chat.completions.create(body, { signal: request.signal, timeout: o.timeoutMs });
      const choice = Array.isArray(res?.choices) ? res.choices[0] : undefined;
      if (!choice) throw new SyntaxError('response has no choices');
      const tokens = res.usage ? res.usage.prompt_tokens + res.usage.completion_tokens : undefined;
      lease.release(tokens);
      return { ok: true, content: choice.message?.content ?? '', finishReason: choice.finish_reason ?? null, model: res.model || req.model, attempts: attempt + 1, structured: responseFormat !== null };
    } catch (e) {
      lease.release();
      if (o.signal.aborted) throw o.signal.reason;
      const c = classifyError(e, o.secrets ?? []);
      if (c.kind === 'bad_request' && responseFormat !== null && FORMAT_REJECTED.test(c.message)) {
        responseFormat = null;
        attempt--; // the endpoint told us what it cannot do; asking again without it is not a retry
        continue;
      }
      if (c.kind === 'rate_limit' && c.retryAfterMs) o.gate.pause(c.retryAfterMs);
      if (!c.retryable || attempt + 1 >= o.maxAttempts) {
        const tries = attempt + 1;
        const error = c.retryable ? `${c.message} (gave up after ${tries} attempt${tries === 1 ? '' : 's'})` : c.message;
        return { ok: false, error, kind: c.kind, attempts: tries, structured: responseFormat !== null };
      }
      await systemClock.sleep(backoffDelay(attempt, c.retryAfterMs, o.backoff), o.signal);
    } finally {
      o.signal.removeEventListener('abort', onAbort);
    }
  }
}
