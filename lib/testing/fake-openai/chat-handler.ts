// POST /v1/chat/completions over HTTP: auth, the RPM cap, injected faults, latency, then the
// completion as JSON or as SSE chunks. Every request ends in exactly one recorded outcome.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildCompletion, validateChatRequest, type ApiErrorSpec, type ChatCompletionJson } from './chat-completion';
import { chooseFault, goDuration, rateLimitHeaders } from './faults';
import { readBody, sendError, sendJson, waitUnlessGone } from './http';
import type { ServerState } from './state';
import { nextId } from './state';
import type { Outcome } from './stats';
import { approxTokens } from './tokens';

export function checkAuth(req: IncomingMessage, apiKey: string | null, echoKey = false): ApiErrorSpec | null {
  if (apiKey === null) return null;
  const got = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
  if (got === apiKey) return null;
  // OpenAI echoes a masked key; clients must still keep it out of logs (see classify-error).
  const masked = echoKey ? got : got.length > 8 ? `${got.slice(0, 6)}${'*'.repeat(12)}${got.slice(-4)}` : '***';
  return {
    status: 401,
    message: `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    type: 'invalid_request_error',
    code: 'invalid_api_key',
    param: null,
  };
}

const sendSpec = (res: ServerResponse, e: ApiErrorSpec, headers: Record<string, string> = {}) =>
  sendError(res, e.status, e.message, e.type, e.code, headers, e.param);

export async function handleChatCompletions(req: IncomingMessage, res: ServerResponse, state: ServerState) {
  const stats = state.stats;
  const opts = state.options;
  const arrivedAt = stats.arrive(Date.now());
  // Latency counts from the request's arrival, as a provider's does: reading the body and building
  // the answer happen inside it, not on top of it.
  const arrived = performance.now();
  res.once('close', () => stats.depart());
  let recorded = false;
  const record = (o: Outcome) => {
    if (!recorded) stats.outcome(o, arrivedAt);
    recorded = true;
  };

  const authError = checkAuth(req, opts.apiKey, opts.echoKeyInErrors);
  const raw = await readBody(req);
  if (authError) {
    record('401');
    return sendSpec(res, authError);
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    record('400');
    return sendError(res, 400, 'We could not parse the JSON body of your request.', 'invalid_request_error');
  }

  if (opts.rpm !== null) {
    const admitted = state.rpmWindow.admit(arrivedAt, opts.rpm);
    if (!admitted.ok) {
      const wait = admitted.retryAfterMs;
      record('429_rpm');
      return sendError(
        res,
        429,
        `Rate limit reached for ${opts.models[0]} on requests per min (RPM): Limit ${opts.rpm}, Used ${opts.rpm}, Requested 1. Please try again in ${goDuration(wait)}.`,
        'requests',
        'rate_limit_exceeded',
        rateLimitHeaders(opts.rpm, wait),
      );
    }
  }

  const fault = chooseFault(opts, state.faultRng);
  if (fault === '429') {
    const wait = opts.retryAfterSec === null ? null : opts.retryAfterSec * 1000;
    record('429');
    return sendError(res, 429, 'Rate limit reached (injected by the fake server). Please try again later.', 'requests', 'rate_limit_exceeded', rateLimitHeaders(opts.rpm ?? 3500, wait));
  }

  const parsed = validateChatRequest(body, opts);
  if ('error' in parsed) {
    record(parsed.error.status === 404 ? '404' : '400');
    return sendSpec(res, parsed.error);
  }
  const chat = parsed.ok;
  if (fault === '400') {
    record('400');
    return sendError(res, 400, "Invalid value for 'messages' (injected by the fake server).", 'invalid_request_error', 'invalid_value', {}, 'messages');
  }
  if (fault === 'hang') {
    // Never answer: the client has to time out. The socket is freed when it disconnects or on close().
    record('hang');
    return;
  }

  const completion = await buildCompletion(chat, opts, state.nonceRng, nextId(state, 'chatcmpl-'));
  const longest = Math.max(0, ...completion.choices.map((c) => approxTokens(c.message.content)));
  const ttft = opts.latencyMs + state.jitterRng() * opts.jitterMs;
  const decode = longest * opts.msPerOutputToken;
  if (!(await waitUnlessGone(res, ttft + (chat.stream ? 0 : decode) - (performance.now() - arrived)))) return record('aborted');

  if (fault === '500') {
    record('500');
    return sendError(res, 500, 'The server had an error while processing your request. Sorry about that!', 'server_error');
  }
  if (fault === 'garbage') {
    record('garbage');
    return sendGarbage(res, chat.stream);
  }
  const headers: Record<string, string> =
    opts.rpm === null
      ? {}
      : {
          'x-ratelimit-limit-requests': String(opts.rpm),
          'x-ratelimit-remaining-requests': String(Math.max(0, opts.rpm - 1)),
          'x-ratelimit-reset-requests': goDuration(state.rpmWindow.resetMs(Date.now())),
        };
  if (chat.stream) {
    const finished = await streamCompletion(res, completion, chat.includeUsage, decode, headers);
    if (!finished) return record('aborted');
  } else {
    sendJson(res, 200, completion, headers);
  }
  stats.served(completion.choices.length, completion.usage.prompt_tokens, completion.usage.completion_tokens);
  record('ok');
}

/** A 200 whose body is cut-off JSON (what a flaky proxy produces): the client's parser must fail. */
function sendGarbage(res: ServerResponse, stream: boolean) {
  const partial = '{"id":"chatcmpl-garbage","object":"chat.completion","choices":[{"index":0,"mess';
  res.writeHead(200, { 'content-type': stream ? 'text/event-stream' : 'application/json' });
  res.end(stream ? `data: ${partial}\n\n` : partial);
}

/**
 * SSE in OpenAI's shape: a role chunk per choice, content pieces interleaved by index, a
 * finish_reason chunk per choice, then (stream_options.include_usage) a usage chunk with no
 * choices, then [DONE]. Decoding time is spread over the pieces. Returns false if the client left.
 */
async function streamCompletion(
  res: ServerResponse,
  c: ChatCompletionJson,
  includeUsage: boolean,
  decodeMs: number,
  headers: Record<string, string>,
): Promise<boolean> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', ...headers });
  const base = { id: c.id, object: 'chat.completion.chunk', created: c.created, model: c.model, system_fingerprint: c.system_fingerprint };
  const write = (choices: unknown[], usage?: unknown) =>
    res.write(`data: ${JSON.stringify({ ...base, choices, ...(includeUsage ? { usage: usage ?? null } : {}) })}\n\n`);

  write(c.choices.map((ch) => ({ index: ch.index, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null })));
  const pieces = c.choices.map((ch) => ch.message.content.match(/\S+\s*|\s+/g) ?? []);
  const rounds = Math.max(0, ...pieces.map((p) => p.length));
  for (let r = 0; r < rounds; r++) {
    if (decodeMs > 0 && !(await waitUnlessGone(res, decodeMs / rounds))) return false;
    if (res.destroyed) return false;
    const delta = c.choices
      .filter((_, i) => pieces[i]![r] !== undefined)
      .map((ch) => ({ index: ch.index, delta: { content: pieces[ch.index]![r] }, logprobs: null, finish_reason: null }));
    write(delta);
  }
  write(c.choices.map((ch) => ({ index: ch.index, delta: {}, logprobs: null, finish_reason: ch.finish_reason })));
  if (includeUsage) write([], c.usage);
  res.end('data: [DONE]\n\n');
  return true;
}
