// "Create export" on the exports page: the download streams while the version is written, the stored
// file is the same bytes, the version and manifest are recorded, and a cancelled download records nothing.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../db/client';
import { closePgPool, pgPool } from '../db/pool';
import { resetDatabase } from '../testing/reset-database';
import { exportRun } from './progress-registry';
import { exportRequestSchema } from './schemas';
import { streamExportDownload } from './stream-download';

let dir = '';
let datasetId = 0;
const user = { id: 'u-export', email: 'curator@winnow.test', name: 'C', role: 'curator' as const };
const request = exportRequestSchema.parse({ format: 'trl-sft', filters: { status: 'all' } });

beforeAll(async () => {
  await resetDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'winnow-export-dl-'));
  process.env.WINNOW_EXPORT_DIR = dir;
  await prisma.user.create({ data: { id: user.id, email: user.email, role: 'curator' } });
  const dataset = await prisma.dataset.create({ data: { name: 'download-test' } });
  datasetId = dataset.id;
  const run = await prisma.generationRun.create({ data: { datasetId, kind: 'generate', model: 'm', params: {}, status: 'completed' } });
  // ~8 MB of JSONL: more than the buffers between the database and the response, so a cancel lands mid-way.
  await pgPool().query(
    `INSERT INTO prompts (dataset_id, external_id, messages, search_text)
     SELECT $1, 'p' || g, jsonb_build_array(jsonb_build_object('role', 'user', 'content', 'Question ' || g || ' 你好 🙂')), '' FROM generate_series(1, 5000) g`,
    [datasetId],
  );
  await pgPool().query(
    `INSERT INTO candidates (dataset_id, prompt_id, run_id, sample_index, content, content_hash, auto_verdict, final_status, rank)
     SELECT $1, p.id, $2, k, repeat(md5(p.id::text || k), 12), md5(p.id::text || k), 'accepted', 'accepted', k + 1
       FROM prompts p CROSS JOIN generate_series(0, 3) k WHERE p.dataset_id = $1`,
    [datasetId, run.id],
  );
});
afterAll(async () => {
  await closePgPool();
  await rm(dir, { recursive: true, force: true });
});

const waitFor = async <T>(fn: () => T | null | undefined, ms = 20_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('streamed export download', () => {
  it('sends the bytes as they are written; the stored version has the same bytes, sha256 and manifest', async () => {
    const token = 'download-test-token-0001';
    const res = await streamExportDownload({ datasetId, request, user, token });
    expect(res.headers.get('content-disposition')).toContain('download-test-trl-sft.jsonl');
    expect(exportRun(token, user.id)?.state).toBe('running');
    const chunks: Buffer[] = [];
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk));
    const body = Buffer.concat(chunks);
    expect(body.toString('utf8').split('\n').filter(Boolean)).toHaveLength(20_000);
    const done = await waitFor(() => {
      const r = exportRun(token, user.id);
      return r?.state === 'done' ? r : null;
    });
    expect(done).toMatchObject({ rows: 20_000, sha256: createHash('sha256').update(body).digest('hex') });
    expect(done.progress.totalPrompts).toBe(5000);
    const version = await prisma.export.findUniqueOrThrow({ where: { id: done.version } });
    expect((await readFile(version.path!)).equals(body)).toBe(true);
    const manifest = JSON.parse(await readFile(version.path!.replace(/\.jsonl$/, '.manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ version: done.version, sha256: done.sha256, counts: { rows: 20_000 } });
    expect(exportRun(token, 'someone-else')).toBeNull();
  });

  it('a cancelled download stops the export: no version, no file left behind', async () => {
    const before = await prisma.export.count();
    const token = 'download-test-token-0002';
    const res = await streamExportDownload({ datasetId, request, user, token });
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    const failed = await waitFor(() => {
      const r = exportRun(token, user.id);
      return r?.state === 'failed' ? r : null;
    });
    expect(failed.message).toMatch(/cancelled/);
    expect(await prisma.export.count()).toBe(before);
    const files = await readdir(dir, { recursive: true });
    expect(files.filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.jsonl'))).toHaveLength(1); // the first test's version only
  });
});
