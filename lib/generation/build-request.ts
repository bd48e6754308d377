// The chat-completion request body for a group of samples of one prompt (pure).
import type { RunParams } from './schemas';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'developer' | 'tool';
  content: string;
}

export interface ChatRequestBody {
  model: string;
  messages: ChatMessage[];
  n?: number;
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  seed?: number;
  [extra: string]: unknown;
}

/** Keys of an endpoint's defaultParams that Winnow controls itself and never passes through. */
const RESERVED = new Set(['model', 'messages', 'n', 'stream', 'stream_options']);

/** Prompt.messages (JSON) → chat messages. A bare string is one user message. */
export function promptMessages(json: unknown): ChatMessage[] {
  if (typeof json === 'string') return [{ role: 'user', content: json }];
  if (!Array.isArray(json)) return [];
  return json
    .filter((m): m is { role: string; content: unknown } => !!m && typeof m === 'object' && typeof (m as { role?: unknown }).role === 'string')
    .map((m) => ({ role: m.role as ChatMessage['role'], content: typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? '') }));
}

/**
 * The run's system prompt replaces the prompt's own system message(s): a run is an experiment with
 * one instruction, and two system messages would leave it to the model which one wins.
 */
export function withSystem(messages: ChatMessage[], system: string | undefined): ChatMessage[] {
  if (system === undefined) return messages;
  return [{ role: 'system', content: system }, ...messages.filter((m) => m.role !== 'system')];
}

/**
 * `firstSample` offsets the seed: with one request per sample, the same seed would make a
 * deterministic server (vLLM) return N identical answers, so sample i uses seed + i. A request with
 * n > 1 uses the seed of its first sample.
 */
export function buildChatRequest(opts: {
  model: string;
  messages: ChatMessage[];
  params: RunParams;
  defaults?: Record<string, unknown>;
  n: number;
  firstSample: number;
}): ChatRequestBody {
  const body: ChatRequestBody = { model: opts.model, messages: withSystem(opts.messages, opts.params.system) };
  for (const [k, v] of Object.entries(opts.defaults ?? {})) if (!RESERVED.has(k) && v !== undefined && v !== null) body[k] = v;
  const p = opts.params;
  if (p.temperature !== undefined) body.temperature = p.temperature;
  if (p.top_p !== undefined) body.top_p = p.top_p;
  if (p.max_tokens !== undefined) body.max_tokens = p.max_tokens;
  if (p.seed !== undefined) body.seed = p.seed + opts.firstSample;
  if (opts.n > 1) body.n = opts.n;
  return body;
}

/** Rough token estimate for TPM pacing (≈ 4 characters per token), corrected by the real usage later. */
export function estimateTokens(body: ChatRequestBody, fallbackMaxTokens = 1024): number {
  const chars = body.messages.reduce((s, m) => s + m.content.length, 0);
  const out = typeof body.max_tokens === 'number' ? body.max_tokens : fallbackMaxTokens;
  return Math.ceil(chars / 4) + out * (body.n ?? 1);
}
