// /v1/files: multipart upload, metadata, content, list, delete. Kept in memory; batch output and
// error files are stored here too (purpose batch_output), as OpenAI does.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendError, sendJson } from './http';
import { nextId, type ServerState } from './state';

export interface StoredFile {
  id: string;
  filename: string;
  purpose: string;
  createdAt: number;
  content: Buffer;
}

export function fileObject(f: StoredFile) {
  return {
    id: f.id,
    object: 'file' as const,
    bytes: f.content.length,
    created_at: f.createdAt,
    filename: f.filename,
    purpose: f.purpose,
    status: 'processed',
    status_details: null,
    // OpenAI expires batch files after 30 days by default.
    expires_at: f.purpose.startsWith('batch') ? f.createdAt + 30 * 86400 : null,
  };
}

export function storeFile(state: ServerState, filename: string, purpose: string, content: Buffer): StoredFile {
  const f: StoredFile = { id: nextId(state, 'file-'), filename, purpose, createdAt: Math.floor(Date.now() / 1000), content };
  state.files.set(f.id, f);
  return f;
}

const PURPOSES = ['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals'];

export async function handleUpload(req: IncomingMessage, res: ServerResponse, state: ServerState) {
  const type = req.headers['content-type'] ?? '';
  const raw = await readBody(req);
  if (!type.startsWith('multipart/form-data')) return sendError(res, 400, 'Expected a multipart/form-data body.', 'invalid_request_error');
  let form: FormData;
  try {
    // undici (Node's fetch) already implements multipart parsing; no dependency needed.
    form = await new Response(new Uint8Array(raw), { headers: { 'content-type': type } }).formData();
  } catch {
    return sendError(res, 400, 'Could not parse the multipart body.', 'invalid_request_error');
  }
  const file = form.get('file');
  const purpose = form.get('purpose');
  if (!file || typeof file === 'string') return sendError(res, 400, "Missing required parameter: 'file'.", 'invalid_request_error', null, {}, 'file');
  if (typeof purpose !== 'string' || !PURPOSES.includes(purpose)) {
    return sendError(res, 400, `Invalid value for 'purpose': expected one of ${PURPOSES.join(', ')}.`, 'invalid_request_error', 'invalid_value', {}, 'purpose');
  }
  const stored = storeFile(state, file.name || 'upload', purpose, Buffer.from(await file.arrayBuffer()));
  sendJson(res, 200, fileObject(stored));
}

export function handleFileRoutes(method: string, parts: string[], res: ServerResponse, state: ServerState): boolean {
  // parts: ['files'] | ['files', id] | ['files', id, 'content']
  if (parts.length === 1 && method === 'GET') {
    const data = [...state.files.values()].map(fileObject).reverse();
    sendJson(res, 200, { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: false });
    return true;
  }
  const f = parts[1] ? state.files.get(parts[1]) : undefined;
  if (parts.length < 2 || parts.length > 3) return false;
  if (!f) {
    sendError(res, 404, `No such File object: ${parts[1]}`, 'invalid_request_error', null, {}, 'id');
    return true;
  }
  if (parts.length === 2 && method === 'GET') sendJson(res, 200, fileObject(f));
  else if (parts.length === 2 && method === 'DELETE') {
    state.files.delete(f.id);
    sendJson(res, 200, { id: f.id, object: 'file', deleted: true });
  } else if (parts[2] === 'content' && method === 'GET') {
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': f.content.length });
    res.end(f.content);
  } else return false;
  return true;
}
