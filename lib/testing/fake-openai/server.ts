// startFakeOpenAI(): the fake OpenAI-compatible server on node:http, in-process. Routes:
//   POST /v1/chat/completions · GET /v1/models · /v1/files… · /v1/batches…
//   GET /__stats · POST /__reset · POST /__options   (test control, not part of the OpenAI API)
// Faults and the RPM cap apply to chat completions only (OpenAI's batch API has its own pool).
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleBatchRoutes, handleCreateBatch } from './batches';
import { checkAuth, handleChatCompletions } from './chat-handler';
import { handleFileRoutes, handleUpload } from './files';
import { readBody, sendError, sendJson } from './http';
import { defaultOptions, jsonOptionKeys, mergeOptions, type FakeOpenAIOptions } from './options';
import { createState, reseed, resetState, type ServerState } from './state';
import type { FakeOpenAIStats } from './stats';

export interface FakeOpenAIServer {
  /** Base URL for the openai SDK, e.g. http://127.0.0.1:4010/v1 */
  url: string;
  port: number;
  stats(): FakeOpenAIStats;
  /** Clears stats, the RPM window, files, batches and the random sequences; keeps options. */
  reset(): void;
  setOptions(partial: Partial<FakeOpenAIOptions>): void;
  options(): FakeOpenAIOptions;
  close(): Promise<void>;
}

export async function startFakeOpenAI(options: Partial<FakeOpenAIOptions> = {}): Promise<FakeOpenAIServer> {
  const state = createState(mergeOptions(defaultOptions, options));

  async function route(req: IncomingMessage, res: ServerResponse) {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://x').pathname.replace(/\/+$/, '');
    state.stats.route(`${method} ${path.replace(/\/(file|batch)[-_][\w-]+/, '/:id')}`);

    if (path === '/__stats' && method === 'GET') return sendJson(res, 200, state.stats.snapshot());
    if (path === '/__reset' && method === 'POST') {
      resetState(state);
      return sendJson(res, 200, { ok: true });
    }
    if (path === '/__options' && method === 'POST') return setOptionsFromHttp(req, res);
    if (path === '/__options' && method === 'GET') return sendJson(res, 200, publicOptions());

    if (!path.startsWith('/v1/')) return sendError(res, 404, `Unknown path ${path}`, 'invalid_request_error', 'unknown_url');
    const parts = path.slice(4).split('/');
    if (parts[0] === 'chat' && parts[1] === 'completions' && method === 'POST') return handleChatCompletions(req, res, state);

    const authError = checkAuth(req, state.options.apiKey, state.options.echoKeyInErrors);
    if (authError) return sendError(res, authError.status, authError.message, authError.type, authError.code);
    if (parts[0] === 'models' && method === 'GET') {
      const data = state.options.models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'winnow-fake' }));
      return sendJson(res, 200, { object: 'list', data });
    }
    if (parts[0] === 'files' && parts.length === 1 && method === 'POST') return handleUpload(req, res, state);
    if (parts[0] === 'files' && handleFileRoutes(method, parts, res, state)) return;
    if (parts[0] === 'batches' && parts.length === 1 && method === 'POST') return handleCreateBatch(req, res, state);
    if (parts[0] === 'batches' && (await handleBatchRoutes(method, parts, res, state))) return;
    sendError(res, 404, `Unknown request URL: ${method} ${path}`, 'invalid_request_error', 'unknown_url');
  }

  function publicOptions() {
    return Object.fromEntries(jsonOptionKeys.map((k) => [k, typeof state.options[k] === 'function' ? '[function]' : state.options[k]]));
  }

  async function setOptionsFromHttp(req: IncomingMessage, res: ServerResponse) {
    try {
      const partial = JSON.parse((await readBody(req)).toString('utf8')) as Record<string, unknown>;
      const unknown = Object.keys(partial).filter((k) => !jsonOptionKeys.includes(k as keyof FakeOpenAIOptions));
      if (unknown.length) return sendError(res, 400, `Unknown or non-JSON options: ${unknown.join(', ')}`, 'invalid_request_error');
      applyOptions(state, partial as Partial<FakeOpenAIOptions>);
      sendJson(res, 200, publicOptions());
    } catch (e) {
      sendError(res, 400, (e as Error).message, 'invalid_request_error');
    }
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendError(res, 500, `Fake server bug: ${(e as Error).message}`, 'server_error');
      else res.destroy();
    });
  });
  // Many concurrent keep-alive clients (benchmarks) must not be refused.
  server.maxConnections = 10_000;
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(state.options.port, state.options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${state.options.host}:${port}/v1`,
    port,
    stats: () => state.stats.snapshot(),
    reset: () => resetState(state),
    setOptions: (partial) => applyOptions(state, partial),
    options: () => state.options,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Hanging requests and idle keep-alive sockets would otherwise hold close() open forever.
        server.closeAllConnections();
      }),
  };
}

function applyOptions(state: ServerState, partial: Partial<FakeOpenAIOptions>) {
  state.options = mergeOptions(state.options, partial);
  if (partial.seed !== undefined) reseed(state);
}
