import 'server-only';
// A multipart/form-data upload streamed to a temp file with busboy: request.formData() would hold the
// whole file in memory (twice, briefly), and dataset files run to hundreds of megabytes.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import busboy from 'busboy';

export class UploadError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export type ReceivedUpload = {
  fields: Record<string, string>;
  /** The part named `fileField`, saved under a name of our own (the client's name is only a label). */
  file: { path: string; name: string; bytes: number } | null;
  /** Remove the temp file. */
  cleanup: () => Promise<void>;
};

const DEFAULT_MAX_BYTES = 4 * 1024 ** 3;

export async function receiveUpload(request: Request, opts: { fileField?: string; maxFileBytes?: number } = {}): Promise<ReceivedUpload> {
  const fileField = opts.fileField ?? 'file';
  const maxFileBytes = opts.maxFileBytes ?? (Number(process.env.WINNOW_UPLOAD_MAX_BYTES) || DEFAULT_MAX_BYTES);
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data/i.test(contentType)) throw new UploadError('expected a multipart/form-data upload');
  if (!request.body) throw new UploadError('the request has no body');

  const dir = await mkdtemp(path.join(os.tmpdir(), 'winnow-upload-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const fields: Record<string, string> = {};
  let file: ReceivedUpload['file'] = null;
  let problem: UploadError | null = null;
  const saving: Promise<void>[] = [];

  try {
    const bb = busboy({
      headers: { 'content-type': contentType },
      // Browsers send file names as raw UTF-8 in the part header.
      defParamCharset: 'utf8',
      limits: { files: 1, fields: 20, fieldSize: 1 << 20, fileSize: maxFileBytes },
    });
    bb.on('field', (name, value, info) => {
      if (info.valueTruncated) problem ??= new UploadError(`field "${name}" is too long`);
      else fields[name] = value;
    });
    bb.on('file', (name, stream, info) => {
      if (name !== fileField || file) {
        stream.resume();
        return;
      }
      const target = path.join(dir, 'upload');
      const saved = { path: target, name: path.basename(info.filename || 'upload'), bytes: 0 };
      file = saved;
      stream.on('data', (chunk: Buffer) => (saved.bytes += chunk.length));
      stream.on('limit', () => (problem ??= new UploadError(`the file is larger than ${maxFileBytes} bytes (WINNOW_UPLOAD_MAX_BYTES)`, 413)));
      saving.push(pipeline(stream, createWriteStream(target)));
    });
    bb.on('filesLimit', () => (problem ??= new UploadError('send one file per upload')));
    await pipeline(Readable.fromWeb(request.body as WebReadableStream<Uint8Array>), bb);
    await Promise.all(saving);
  } catch (e) {
    await cleanup();
    if (e instanceof UploadError) throw e;
    throw new UploadError(`could not read the upload: ${(e as Error).message}`);
  }
  if (problem) {
    await cleanup();
    throw problem;
  }
  return { fields, file, cleanup };
}
