// /v1/batches in OpenAI's shapes. A batch's status is a function of time since creation:
// validating (first 10% of batchDurationMs) → in_progress (to 80%, request_counts growing) →
// finalizing → completed, when the output file ({id, custom_id, response:{status_code, request_id,
// body}, error}) and, if any line failed, the error file appear. Computing status lazily on read
// means no timers to leak in tests.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildCompletion, validateChatRequest } from './chat-completion';
import { readBody, requestId, sendError, sendJson } from './http';
import { hashString, mulberry32, rngFor } from './rng';
import { nextId, type ServerState } from './state';
import { storeFile } from './files';

interface BatchError {
  code: string;
  message: string;
  param: string | null;
  line: number | null;
}

interface LineResult {
  customId: string;
  status: number;
  body: unknown;
  usage: { prompt_tokens: number; completion_tokens: number } | null;
}

export interface StoredBatch {
  id: string;
  inputFileId: string;
  endpoint: string;
  completionWindow: string;
  metadata: unknown;
  model: string | null;
  createdAtMs: number;
  durationMs: number;
  total: number;
  validationErrors: BatchError[];
  results: Promise<LineResult[]>;
  cancelAtMs: number | null;
  outputFileId: string | null;
  errorFileId: string | null;
  usage: { input: number; output: number } | null;
  finalized: boolean;
}

const sec = (ms: number) => Math.floor(ms / 1000);

function parseLines(text: string, endpoint: string) {
  const errors: BatchError[] = [];
  const lines: Array<{ customId: string; body: unknown }> = [];
  const seen = new Set<string>();
  text.split('\n').forEach((raw, i) => {
    if (!raw.trim()) return;
    const line = i + 1;
    let obj: { custom_id?: unknown; method?: unknown; url?: unknown; body?: unknown };
    try {
      obj = JSON.parse(raw);
    } catch {
      return errors.push({ code: 'invalid_json_line', message: 'This line is not parseable as valid JSON.', param: null, line });
    }
    if (typeof obj.custom_id !== 'string') return errors.push({ code: 'missing_required_parameter', message: "Missing 'custom_id'.", param: 'custom_id', line });
    if (seen.has(obj.custom_id)) return errors.push({ code: 'duplicate_custom_id', message: `The custom_id '${obj.custom_id}' is used more than once.`, param: 'custom_id', line });
    if (obj.method !== 'POST') return errors.push({ code: 'invalid_request', message: "Only 'POST' is supported.", param: 'method', line });
    if (obj.url !== endpoint) return errors.push({ code: 'mismatched_endpoint', message: `The URL provided for this request does not match the batch endpoint ${endpoint}.`, param: 'url', line });
    seen.add(obj.custom_id);
    lines.push({ customId: obj.custom_id, body: obj.body });
  });
  return { lines, errors };
}

async function runLines(state: ServerState, batchId: string, lines: Array<{ customId: string; body: unknown }>, errorRate: number): Promise<LineResult[]> {
  const out: LineResult[] = [];
  for (const [i, l] of lines.entries()) {
    if (rngFor('batch-error', batchId, i)() < errorRate) {
      const body = { error: { message: 'The server had an error processing this request (injected by the fake server).', type: 'server_error', param: null, code: null } };
      out.push({ customId: l.customId, status: 500, body, usage: null });
      continue;
    }
    const parsed = validateChatRequest(l.body, state.options);
    if ('error' in parsed) {
      const { status, message, type, code, param } = parsed.error;
      out.push({ customId: l.customId, status, body: { error: { message, type, param, code } }, usage: null });
      continue;
    }
    const c = await buildCompletion({ ...parsed.ok, stream: false }, state.options, mulberry32(hashString(`${batchId}:${i}`)), nextId(state, 'chatcmpl-'));
    out.push({ customId: l.customId, status: 200, body: c, usage: c.usage });
  }
  return out;
}

export async function handleCreateBatch(req: IncomingMessage, res: ServerResponse, state: ServerState) {
  let b: Record<string, unknown>;
  try {
    b = JSON.parse((await readBody(req)).toString('utf8'));
  } catch {
    return sendError(res, 400, 'We could not parse the JSON body of your request.', 'invalid_request_error');
  }
  const file = typeof b.input_file_id === 'string' ? state.files.get(b.input_file_id) : undefined;
  if (!file) return sendError(res, 404, `No such File object: ${String(b.input_file_id)}`, 'invalid_request_error', null, {}, 'input_file_id');
  if (file.purpose !== 'batch') return sendError(res, 400, "The input file must be uploaded with purpose 'batch'.", 'invalid_request_error', 'invalid_value', {}, 'input_file_id');
  if (b.endpoint !== '/v1/chat/completions') return sendError(res, 400, "Only '/v1/chat/completions' is supported by this fake server.", 'invalid_request_error', 'invalid_value', {}, 'endpoint');
  if (b.completion_window !== '24h') return sendError(res, 400, "Invalid value for 'completion_window': only '24h' is supported.", 'invalid_request_error', 'invalid_value', {}, 'completion_window');

  const id = nextId(state, 'batch_');
  const { lines, errors } = parseLines(file.content.toString('utf8'), b.endpoint);
  const firstModel = (lines[0]?.body as { model?: unknown } | undefined)?.model;
  const batch: StoredBatch = {
    id,
    inputFileId: file.id,
    endpoint: b.endpoint,
    completionWindow: b.completion_window,
    metadata: b.metadata ?? null,
    model: typeof firstModel === 'string' ? firstModel : null,
    createdAtMs: Date.now(),
    durationMs: state.options.batchDurationMs,
    total: errors.length ? 0 : lines.length,
    validationErrors: errors,
    results: errors.length ? Promise.resolve([]) : runLines(state, id, lines, state.options.batchErrorRate),
    cancelAtMs: null,
    outputFileId: null,
    errorFileId: null,
    usage: null,
    finalized: false,
  };
  // Observed later by batchObject(); this only stops an early failure from being "unhandled".
  batch.results.catch(() => {});
  state.batches.set(id, batch);
  sendJson(res, 200, await batchObject(state, batch, Date.now()));
}

/** How many lines are done at `atMs` (they finish evenly over the in_progress phase). */
function processedAt(b: StoredBatch, atMs: number): number {
  const f = (atMs - b.createdAtMs - 0.1 * b.durationMs) / (0.7 * b.durationMs);
  return Math.max(0, Math.min(b.total, Math.floor(b.total * f)));
}

/** Writes the output / error files once, from the first `count` lines. */
async function finalize(state: ServerState, b: StoredBatch, count: number) {
  if (b.finalized) return;
  b.finalized = true;
  const results = (await b.results).slice(0, count);
  const line = (r: LineResult) =>
    JSON.stringify({ id: nextId(state, 'batch_req_'), custom_id: r.customId, response: { status_code: r.status, request_id: requestId(), body: r.body }, error: null });
  const ok = results.filter((r) => r.status === 200);
  const failed = results.filter((r) => r.status !== 200);
  if (ok.length || !failed.length) b.outputFileId = storeFile(state, `${b.id}_output.jsonl`, 'batch_output', Buffer.from(ok.map((r) => `${line(r)}\n`).join(''))).id;
  if (failed.length) b.errorFileId = storeFile(state, `${b.id}_error.jsonl`, 'batch_output', Buffer.from(failed.map((r) => `${line(r)}\n`).join(''))).id;
  b.usage = ok.reduce((u, r) => ({ input: u.input + (r.usage?.prompt_tokens ?? 0), output: u.output + (r.usage?.completion_tokens ?? 0) }), { input: 0, output: 0 });
}

export async function batchObject(state: ServerState, b: StoredBatch, now: number) {
  const d = b.durationMs;
  const t0 = b.createdAtMs;
  const inProgressAt = t0 + 0.1 * d;
  const finalizingAt = t0 + 0.8 * d;
  const completedAt = t0 + d;
  const cancelledAt = b.cancelAtMs === null ? null : b.cancelAtMs + Math.min(0.1 * d, 1000);
  const ts = { in_progress_at: null as number | null, finalizing_at: null as number | null, completed_at: null as number | null, failed_at: null as number | null, cancelling_at: null as number | null, cancelled_at: null as number | null };
  let status: string;
  let done = processedAt(b, now);

  if (b.validationErrors.length && now >= inProgressAt) {
    status = 'failed';
    ts.failed_at = sec(inProgressAt);
  } else if (b.cancelAtMs !== null && cancelledAt !== null) {
    done = processedAt(b, b.cancelAtMs);
    ts.cancelling_at = sec(b.cancelAtMs);
    if (b.cancelAtMs >= inProgressAt) ts.in_progress_at = sec(inProgressAt);
    if (now >= cancelledAt) {
      status = 'cancelled';
      ts.cancelled_at = sec(cancelledAt);
      await finalize(state, b, done);
    } else status = 'cancelling';
  } else if (now < inProgressAt) status = 'validating';
  else {
    ts.in_progress_at = sec(inProgressAt);
    if (now < finalizingAt) status = 'in_progress';
    else {
      ts.finalizing_at = sec(finalizingAt);
      if (now < completedAt) status = 'finalizing';
      else {
        status = 'completed';
        ts.completed_at = sec(completedAt);
        await finalize(state, b, b.total);
      }
    }
  }

  const results = await b.results;
  const failed = results.slice(0, done).filter((r) => r.status !== 200).length;
  return {
    id: b.id,
    object: 'batch',
    endpoint: b.endpoint,
    model: b.model,
    errors: b.validationErrors.length && status === 'failed' ? { object: 'list', data: b.validationErrors } : null,
    input_file_id: b.inputFileId,
    completion_window: b.completionWindow,
    status,
    output_file_id: b.outputFileId,
    error_file_id: b.errorFileId,
    created_at: sec(t0),
    expires_at: sec(t0) + 86400,
    expired_at: null,
    ...ts,
    request_counts: { total: b.total, completed: done - failed, failed },
    usage: b.usage && {
      input_tokens: b.usage.input,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: b.usage.output,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: b.usage.input + b.usage.output,
    },
    metadata: b.metadata,
  };
}

export async function handleBatchRoutes(method: string, parts: string[], res: ServerResponse, state: ServerState): Promise<boolean> {
  // parts: ['batches'] | ['batches', id] | ['batches', id, 'cancel']
  const now = Date.now();
  if (parts.length === 1 && method === 'GET') {
    const data = await Promise.all([...state.batches.values()].reverse().map((b) => batchObject(state, b, now)));
    sendJson(res, 200, { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: false });
    return true;
  }
  if (parts.length < 2 || parts.length > 3) return false;
  const b = state.batches.get(parts[1]!);
  if (!b) {
    sendError(res, 404, `No batch found with id '${parts[1]}'.`, 'invalid_request_error', null, {}, 'batch_id');
    return true;
  }
  if (parts.length === 2 && method === 'GET') {
    sendJson(res, 200, await batchObject(state, b, now));
    return true;
  }
  if (parts[2] === 'cancel' && method === 'POST') {
    const current = await batchObject(state, b, now);
    if (!['validating', 'in_progress', 'finalizing'].includes(current.status)) {
      sendError(res, 400, `Cannot cancel a batch with status '${current.status}'.`, 'invalid_request_error');
      return true;
    }
    b.cancelAtMs = now;
    sendJson(res, 200, await batchObject(state, b, now));
    return true;
  }
  return false;
}
