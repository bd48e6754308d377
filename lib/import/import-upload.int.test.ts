import { readdir } from 'node:fs/promises';
import os from 'node:os';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { closePgPool, pgPool } from '../db/pool';
import { resetDatabase } from '../testing/reset-database';
import { importUpload } from './import-upload';

afterAll(() => closePgPool());
beforeEach(() => resetDatabase());

function post(fields: Record<string, string>, file?: { name: string; content: string }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('file', new File([file.content], file.name));
  return new Request('http://localhost/api/import', { method: 'POST', body: form });
}
const uploadsLeft = async () => (await readdir(os.tmpdir())).filter((f) => f.startsWith('winnow-upload-')).length;

describe('importUpload (POST /api/import)', () => {
  it('imports an uploaded file: 201 with the counts', async () => {
    const before = await uploadsLeft();
    const res = await importUpload(
      post({ dataset: 'up', description: 'from the UI', map: 'prompt=q' }, { name: 'questions ü.jsonl', content: '{"q":"a","candidates":["x"]}\n{"q":"b"}\n' }),
    );
    expect(res).toEqual({ status: 201, body: { ok: true, datasetId: expect.any(Number), dataset: 'up', prompts: 2, candidates: 1, scores: 0, createdDataset: true } });
    expect((await pgPool().query('SELECT description FROM datasets')).rows).toEqual([{ description: 'from the UI' }]);
    // The run records the name the user uploaded, not the temp file's.
    expect((await pgPool().query('SELECT params FROM generation_runs')).rows).toEqual([{ params: { file: 'questions ü.jsonl' } }]);
    expect(await uploadsLeft()).toBe(before);
  });

  it('422 with errors naming the uploaded file', async () => {
    const res = await importUpload(post({ dataset: 'up' }, { name: 'data.csv', content: 'id,prompt\n1,a\n2\n' }));
    expect(res).toEqual({
      status: 422,
      body: { ok: false, errorCount: 1, errors: [{ file: 'data.csv', line: 3, message: 'row has 1 fields, the header has 2' }] },
    });
    expect((await pgPool().query('SELECT count(*)::int AS n FROM datasets')).rows[0].n).toBe(0);
  });

  it('400 for missing or bad fields', async () => {
    expect(await importUpload(post({}, { name: 'a.jsonl', content: '{"prompt":"a"}' }))).toEqual({ status: 400, body: { ok: false, message: 'dataset is required' } });
    expect(await importUpload(post({ dataset: '  ' }, { name: 'a.jsonl', content: '{"prompt":"a"}' }))).toEqual({
      status: 400,
      body: { ok: false, message: 'dataset is required' },
    });
    expect(await importUpload(post({ dataset: 'x' }))).toEqual({ status: 400, body: { ok: false, message: 'file is required' } });
    expect(await importUpload(post({ dataset: 'x', map: 'prompt' }, { name: 'a.jsonl', content: '{"prompt":"a"}' }))).toMatchObject({
      status: 400,
      body: { ok: false, message: expect.stringContaining('bad mapping "prompt"') },
    });
    const json = new Request('http://localhost/api/import', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(await importUpload(json)).toEqual({ status: 400, body: { ok: false, message: 'expected a multipart/form-data upload' } });
  });

  it('413 for a file over WINNOW_UPLOAD_MAX_BYTES, leaving no temp file', async () => {
    const before = await uploadsLeft();
    process.env.WINNOW_UPLOAD_MAX_BYTES = '10';
    try {
      expect(await importUpload(post({ dataset: 'x' }, { name: 'a.jsonl', content: '{"prompt":"a long enough line"}' }))).toEqual({
        status: 413,
        body: { ok: false, message: 'the file is larger than 10 bytes (WINNOW_UPLOAD_MAX_BYTES)' },
      });
    } finally {
      delete process.env.WINNOW_UPLOAD_MAX_BYTES;
    }
    expect(await uploadsLeft()).toBe(before);
  });
});
