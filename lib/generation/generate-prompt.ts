import 'server-only';
import type OpenAI from 'openai';
import { redactSecrets } from '../security/redact-secrets';
import { backoffDelay } from './backoff';
import { buildChatRequest, estimateTokens, type ChatMessage } from './build-request';
import { classifyError, type ClassifiedError } from './classify-error';
import { costUsd, usageFromOpenAI } from './cost';
import type { EndpointConfig } from './endpoint-config';
import type { EndpointGate } from './endpoint-gate';
import { onAbort } from './on-abort';
import { systemClock } from './rate-limiter';
import type { RunParams } from './schemas';
import { splitUsage } from './split-usage';
import type { CandidateRow, PromptFailure, PromptOutcome } from './write-results';

export interface PromptContext {
  run: { id: number; datasetId: number; params: RunParams };
  endpoint: EndpointConfig;
  gate: EndpointGate;
  client: OpenAI;
  /** Aborted when the run is cancelled or the worker stops. */
  signal: AbortSignal;
  noteError(kind: string, message: string, what: 'retry' | 'failure'): void;
  /** The endpoint told us whether it honours n (first answer to an n > 1 request). */
  learnedSupportsN(value: boolean): void;
  /** Retrying cannot help any prompt of this run (bad key, unknown model): fail the run. */
  fatal(error: ClassifiedError): void;
}

interface GroupResult {
  rows: CandidateRow[];
  failure: PromptFailure | null;
  model: string | null;
}

/** Errors that no other prompt of the run can escape either. */
const RUN_FATAL = new Set(['auth', 'not_found']);

function describe(ctx: PromptContext, err: unknown): ClassifiedError {
  const key = ctx.endpoint.apiKeyEnv ? process.env[ctx.endpoint.apiKeyEnv] : undefined;
  const c = classifyError(err, key ? [key] : []);
  return { ...c, message: redactSecrets(c.message, [ctx.endpoint.apiKeyEnv]) };
}

/**
 * One request for the samples `indexes` of a prompt (n = indexes.length), retried with backoff on
 * transient errors. If the endpoint answers with fewer choices than asked, the rest are asked one
 * by one (and the endpoint is remembered as ignoring n).
 */
async function requestGroup(ctx: PromptContext, promptId: number, messages: ChatMessage[], indexes: number[]): Promise<GroupResult> {
  const { params } = ctx.run;
  const body = buildChatRequest({ model: ctx.endpoint.model, messages, params, defaults: ctx.endpoint.defaultParams, n: indexes.length, firstSample: indexes[0]! });
  for (let attempt = 0; ; attempt++) {
    ctx.signal.throwIfAborted();
    const lease = await ctx.gate.acquire(estimateTokens(body), ctx.signal);
    const started = performance.now();
    // A signal per request, linked to the run's: the SDK never removes the listener it adds to the
    // signal it is given, so passing the run's own would pile up one listener per request.
    const request = new AbortController();
    const unwatch = onAbort(ctx.signal, () => request.abort(ctx.signal.reason));
    let res: OpenAI.Chat.Completions.ChatCompletion;
    try {
      res = await ctx.client.chat.completions.create(body as OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming, {
        signal: request.signal,
        timeout: params.timeoutMs,
      });
      // A 200 that is JSON but not a completion (a proxy's page, an empty object) is garbage too.
      if (!Array.isArray(res?.choices) || res.choices.length === 0) throw new SyntaxError('response has no choices');
    } catch (e) {
      lease.release();
      if (ctx.signal.aborted) throw ctx.signal.reason;
      const c = describe(ctx, e);
      void ctx.gate.answered(c.kind === 'rate_limit', c.retryAfterMs);
      if (!c.retryable || attempt + 1 >= params.maxAttempts) {
        for (let i = 0; i < indexes.length; i++) ctx.noteError(c.kind, c.message, 'failure');
        if (RUN_FATAL.has(c.kind)) ctx.fatal(c);
        return { rows: [], failure: { kind: c.kind, message: c.message, attempts: attempt + 1 }, model: null };
      }
      ctx.noteError(c.kind, c.message, 'retry');
      await systemClock.sleep(backoffDelay(attempt, c.retryAfterMs), ctx.signal);
      continue;
    } finally {
      unwatch();
    }
    const latencyMs = Math.round(performance.now() - started);
    const usage = usageFromOpenAI(res.usage);
    lease.release(usage.promptTokens + usage.completionTokens);
    void ctx.gate.answered(false, null);

    const choices = [...res.choices].sort((a, b) => a.index - b.index).slice(0, indexes.length);
    const contents = choices.map((c) => c.message?.content ?? '');
    const shares = splitUsage(usage, contents);
    const prices = { inputPerMillion: ctx.endpoint.priceInPerM, outputPerMillion: ctx.endpoint.priceOutPerM };
    const model = res.model || ctx.endpoint.model;
    const rows: CandidateRow[] = choices.map((c, i) => ({
      promptId,
      sampleIndex: indexes[i]!,
      content: contents[i]!,
      model,
      finishReason: c.finish_reason ?? null,
      promptTokens: shares[i]!.promptTokens,
      completionTokens: shares[i]!.completionTokens,
      latencyMs,
      costUsd: costUsd(shares[i]!, prices),
    }));
    if (indexes.length > 1 && ctx.endpoint.supportsN === null) {
      if (choices.length >= indexes.length) ctx.learnedSupportsN(true);
      else if (choices.length === 1) ctx.learnedSupportsN(false);
    }
    const rest = indexes.slice(choices.length);
    if (!rest.length) return { rows, failure: null, model };
    const more = await Promise.all(rest.map((i) => requestGroup(ctx, promptId, messages, [i])));
    return { rows: [...rows, ...more.flatMap((m) => m.rows)], failure: more.find((m) => m.failure)?.failure ?? null, model };
  }
}

/**
 * Generates the `missing` samples of one prompt: one request with n = missing.length when the
 * endpoint honours n (or is not known yet), else one request per sample, all concurrently (the
 * gate paces them). Never throws for provider errors: they end as a failure in the outcome. On
 * abort, returns what it has with `settled: false`.
 */
export async function generatePrompt(ctx: PromptContext, prompt: { id: number; messages: ChatMessage[] }, missing: number[]): Promise<{ outcome: PromptOutcome; model: string | null }> {
  const groups = ctx.endpoint.supportsN !== false && missing.length > 1 ? [missing] : missing.map((i) => [i]);
  const settled = await Promise.allSettled(groups.map((g) => requestGroup(ctx, prompt.id, prompt.messages, g)));
  const ok = settled.filter((s): s is PromiseFulfilledResult<GroupResult> => s.status === 'fulfilled').map((s) => s.value);
  const rejected = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (rejected && !ctx.signal.aborted) throw rejected.reason; // a bug or a database error: the job retries
  const rows = ok.flatMap((g) => g.rows);
  const failures = ok.map((g) => g.failure).filter((f): f is PromptFailure => f !== null);
  // The most telling failure: a permanent one (a 400 says what to fix) before exhausted retries.
  const failure = failures.find((f) => !['rate_limit', 'server', 'timeout', 'connection', 'garbage'].includes(f.kind)) ?? failures[0] ?? null;
  return {
    outcome: { promptId: prompt.id, candidates: rows, settled: !rejected, failure: rejected ? null : failure },
    model: ok.find((g) => g.model)?.model ?? null,
  };
}
