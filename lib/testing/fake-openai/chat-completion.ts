// The chat-completion core shared by POST /v1/chat/completions and batch lines: validate a request
// body like OpenAI does, then build the completion (choices, finish reasons, usage) from the responder.
import { defaultResponder } from './default-responder';
import { allText, promptText, toTextMessages, type TextMessage } from './messages';
import { accuracyFor, lookupAnswer, type FakeOpenAIOptions } from './options';
import { rngFor, type Rng } from './rng';
import { approxTokens, truncateToTokens } from './tokens';

export interface ChatRequest {
  model: string;
  messages: TextMessage[];
  n: number;
  maxTokens: number | null;
  temperature: number;
  seed: number | null;
  stream: boolean;
  includeUsage: boolean;
  responseFormat: unknown;
}

export interface ApiErrorSpec {
  status: number;
  message: string;
  type: string;
  code: string | null;
  param: string | null;
}

export interface ChatCompletionJson {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  system_fingerprint: string;
  choices: Array<{
    index: number;
    message: { role: 'assistant'; content: string; refusal: null };
    logprobs: null;
    finish_reason: 'stop' | 'length';
  }>;
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

const invalid = (message: string, param: string | null): { error: ApiErrorSpec } => ({
  error: { status: 400, message, type: 'invalid_request_error', code: 'invalid_value', param },
});

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

export function validateChatRequest(raw: unknown, opts: FakeOpenAIOptions): { ok: ChatRequest } | { error: ApiErrorSpec } {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return invalid('The request body must be a JSON object.', null);
  const b = raw as Record<string, unknown>;
  if (typeof b.model !== 'string' || !b.model) return invalid("Missing required parameter: 'model'.", 'model');
  if (opts.strictModels && !opts.models.includes(b.model)) {
    return {
      error: {
        status: 404,
        message: `The model \`${b.model}\` does not exist or you do not have access to it.`,
        type: 'invalid_request_error',
        code: 'model_not_found',
        param: null,
      },
    };
  }
  const messages = toTextMessages(b.messages);
  if (!messages) return invalid("'messages' must be a non-empty array of {role, content}.", 'messages');
  const n = b.n ?? 1;
  if (!isInt(n) || n < 1 || n > 128) return invalid(`Invalid 'n': integer between 1 and 128 expected, got ${JSON.stringify(b.n)}.`, 'n');
  const maxTokens = b.max_completion_tokens ?? b.max_tokens ?? null;
  if (maxTokens !== null && (!isInt(maxTokens) || maxTokens < 1)) return invalid(`Invalid 'max_tokens': integer ≥ 1 expected.`, 'max_tokens');
  const temperature = b.temperature ?? 1;
  if (typeof temperature !== 'number' || temperature < 0 || temperature > 2) return invalid(`Invalid 'temperature': number between 0 and 2 expected.`, 'temperature');
  const seed = b.seed ?? null;
  if (seed !== null && !isInt(seed)) return invalid(`Invalid 'seed': integer expected.`, 'seed');
  const streamOptions = b.stream_options as { include_usage?: unknown } | undefined;
  if (!opts.supportsResponseFormat && (b.response_format as { type?: unknown } | undefined)?.type === 'json_schema') {
    return invalid("Invalid 'response_format': json_schema is not supported by this model.", 'response_format');
  }
  return {
    ok: {
      model: b.model,
      messages,
      n,
      maxTokens: maxTokens as number | null,
      temperature,
      seed: seed as number | null,
      stream: b.stream === true,
      includeUsage: streamOptions?.include_usage === true,
      responseFormat: b.response_format,
    },
  };
}

/**
 * Builds the completion. Output depends only on (messages, seed, index) when a seed is given;
 * temperature 0 is greedy (every choice identical); without a seed, `nonceRng` varies it per request.
 */
export async function buildCompletion(req: ChatRequest, opts: FakeOpenAIOptions, nonceRng: Rng, id: string): Promise<ChatCompletionJson> {
  const n = opts.supportsN ? req.n : 1;
  const prompt = promptText(req.messages);
  const answer = lookupAnswer(opts, prompt) ?? req.messages.map((m) => lookupAnswer(opts, m.content)).find((a) => a !== undefined);
  const key = JSON.stringify(req.messages);
  const nonce = req.temperature === 0 ? 'greedy' : (req.seed ?? `nonce:${Math.floor(nonceRng() * 2 ** 32)}`);
  const responder = opts.responder ?? defaultResponder;
  const choices: ChatCompletionJson['choices'] = [];
  let completionTokens = 0;
  for (let index = 0; index < n; index++) {
    const text = await responder({
      messages: req.messages,
      prompt,
      model: req.model,
      index,
      seed: req.seed,
      temperature: req.temperature,
      responseFormat: req.responseFormat,
      rng: rngFor(nonce, key, req.temperature === 0 ? 0 : index),
      answer,
      accuracy: accuracyFor(opts, prompt),
    });
    const cut = req.maxTokens === null ? { text, truncated: false } : truncateToTokens(text, req.maxTokens);
    completionTokens += approxTokens(cut.text);
    choices.push({
      index,
      message: { role: 'assistant', content: cut.text, refusal: null },
      logprobs: null,
      finish_reason: cut.truncated ? 'length' : 'stop',
    });
  }
  const promptTokens = approxTokens(allText(req.messages));
  return {
    id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: req.model,
    system_fingerprint: 'fp_fake',
    choices,
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  };
}
