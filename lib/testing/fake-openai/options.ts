// Options of the fake OpenAI-compatible server. Everything can be changed at runtime
// (setOptions / POST /__options) except host and port.
import type { Responder } from './responder';

export type FaultKind = '429' | '500' | 'hang' | 'garbage' | '400';

export interface FakeOpenAIOptions {
  /** Interface to bind; only loopback makes sense on these machines. */
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Names listed by GET /v1/models. */
  models: string[];
  /** Unknown model → 404 model_not_found (otherwise any model name is served). */
  strictModels: boolean;
  /** When set, requests must send `Authorization: Bearer <apiKey>` or get 401. */
  apiKey: string | null;
  /** Adversarial provider: a 401 quotes the whole key it received (tests that Winnow redacts it). */
  echoKeyInErrors: boolean;
  /** When false, `n` is ignored and one choice is returned, like many self-hosted servers. */
  supportsN: boolean;
  /** Time before the response starts (ms), plus a seeded uniform 0…jitterMs. */
  latencyMs: number;
  jitterMs: number;
  /** Extra time per completion token of the longest choice (simulates decoding speed). */
  msPerOutputToken: number;
  /** Seeds the fault sequence, jitter and unseeded requests. */
  seed: number;
  /** Probability that a math answer is the true one (number, or per prompt). */
  accuracy: number | ((prompt: string) => number);
  /** True answers by prompt text (the last user message), or a lookup function. */
  answers: Record<string, string> | ((prompt: string) => string | undefined) | null;
  /** Replaces the default responder (math / judge / generic). */
  responder: Responder | null;
  /** When false, a `response_format` of type json_schema gets a 400 (like servers without structured outputs). */
  supportsResponseFormat: boolean;
  /** Fault rates per chat-completion request (0…1, summed must be ≤ 1). */
  rate429: number;
  rate500: number;
  rateHang: number;
  rateGarbage: number;
  rate400: number;
  /** Retry-After sent with 429s (seconds, may be fractional); null sends no timing headers at all. */
  retryAfterSec: number | null;
  /** Requests per sliding 60 s window; beyond it → 429 (outcome `429_rpm`). null = no cap. */
  rpm: number | null;
  /** Faults forced on the next requests, in order, before the random ones (e.g. ['429', '500']). */
  scriptedFaults: FaultKind[];
  /** validating → in_progress → finalizing → completed takes this long. */
  batchDurationMs: number;
  /** Share of batch lines that land in the error file (seeded per batch and line). */
  batchErrorRate: number;
}

export const defaultOptions: FakeOpenAIOptions = {
  host: '127.0.0.1',
  port: 0,
  models: ['fake-model'],
  strictModels: false,
  apiKey: null,
  echoKeyInErrors: false,
  supportsN: true,
  latencyMs: 0,
  jitterMs: 0,
  msPerOutputToken: 0,
  seed: 0,
  accuracy: 0.6,
  answers: null,
  responder: null,
  supportsResponseFormat: true,
  rate429: 0,
  rate500: 0,
  rateHang: 0,
  rateGarbage: 0,
  rate400: 0,
  retryAfterSec: 1,
  rpm: null,
  scriptedFaults: [],
  batchDurationMs: 2000,
  batchErrorRate: 0,
};

/** Keys that may be changed over HTTP (functions cannot travel in JSON). */
export const jsonOptionKeys = Object.keys(defaultOptions).filter(
  (k) => !['host', 'port', 'responder'].includes(k),
) as Array<keyof FakeOpenAIOptions>;

export function mergeOptions(base: FakeOpenAIOptions, partial: Partial<FakeOpenAIOptions>): FakeOpenAIOptions {
  const merged = { ...base };
  for (const [k, v] of Object.entries(partial)) {
    // Arrays are copied: scriptedFaults is consumed as requests arrive and must not eat the caller's array.
    if (v !== undefined) (merged as Record<string, unknown>)[k] = Array.isArray(v) ? [...v] : v;
  }
  const rates = merged.rate429 + merged.rate500 + merged.rateHang + merged.rateGarbage + merged.rate400;
  if (rates > 1 + 1e-9) throw new Error(`fault rates sum to ${rates}; must be at most 1`);
  return merged;
}

export function lookupAnswer(opts: FakeOpenAIOptions, prompt: string): string | undefined {
  const a = opts.answers;
  if (!a) return undefined;
  if (typeof a === 'function') return a(prompt);
  return Object.prototype.hasOwnProperty.call(a, prompt) ? a[prompt] : undefined;
}

export function accuracyFor(opts: FakeOpenAIOptions, prompt: string): number {
  return typeof opts.accuracy === 'function' ? opts.accuracy(prompt) : opts.accuracy;
}
