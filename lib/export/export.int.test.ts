import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../db/client';
import { closePgPool } from '../db/pool';
import { resetDatabase } from '../testing/reset-database';
import { diffExports, listExports } from './list-exports';
import { countExport, runExport } from './run-export';
import { exportRequestSchema, EXPORT_FORMATS, type ExportRequest } from './schemas';
import { EMOJI_CJK, seedExportDataset } from './seed-test-dataset';
import { validateLine } from './test-fixtures';

let dir = '';
let datasetId = 0;
const actor = { userId: null, label: 'test' };
const req = (format: string, filters: Record<string, unknown> = {}, parquet = false): ExportRequest => exportRequestSchema.parse({ format, filters, parquet });
const lines = async (file: string) =>
  (await readFile(file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

beforeAll(async () => {
  await resetDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'winnow-export-test-'));
  ({ datasetId } = await seedExportDataset());
});
afterAll(async () => {
  await closePgPool();
  await rm(dir, { recursive: true, force: true });
});

describe('export to a file', () => {
  for (const format of EXPORT_FORMATS) {
    it(`${format}: every line obeys the format, the count preview matches, the manifest is beside the file`, async () => {
      const request = req(format, format === 'raw' ? { status: 'all' } : {});
      const count = await countExport(datasetId, request);
      const file = path.join(dir, `${format}.jsonl`);
      const result = await runExport({ datasetId, request, file, actor });
      const rows = await lines(file);
      expect(rows.length).toBe(result.stats.rows);
      expect(count.rows).toBe(rows.length);
      expect(rows.length).toBeGreaterThan(0);
      const texts = rows.flatMap((r) => validateLine(format, r));
      if (format !== 'trl-dpo' && format !== 'openai-dpo') expect(texts.join('\n')).toContain(EMOJI_CJK);

      const manifest = JSON.parse(await readFile(path.join(dir, `${format}.manifest.json`), 'utf8'));
      const { createHash } = await import('node:crypto');
      expect(manifest).toMatchObject({ version: result.id, format, dataset: { id: datasetId, name: 'export-test' }, counts: { rows: rows.length }, gates: ['exact'] });
      expect(manifest.sha256).toBe(createHash('sha256').update(await readFile(file)).digest('hex'));
      expect(manifest.evaluators.map((e: { name: string; config: unknown }) => [e.name, e.config])).toEqual([
        ['exact', { field: 'reference' }],
        ['judge', { rubric: 'be correct' }],
      ]);
      expect(manifest.models).toEqual([expect.objectContaining({ model: 'gen-1', params: { n: 4, temperature: 0.7 } })]);
      expect(manifest.reviewers).toEqual([{ reviewer: 'curator@winnow.test', decisions: 3 }]);
      expect(manifest.policy).toMatchObject({ gates: 'all', threshold: 0.5 });
      const stored = await prisma.export.findUniqueOrThrow({ where: { id: result.id } });
      expect(stored).toMatchObject({ format, rowCount: rows.length, sha256: manifest.sha256, path: file });
    });
  }

  it('trl-sft with the default status: approved or auto-accepted and not curator-rejected, best first', async () => {
    const file = path.join(dir, 'sft-default.jsonl');
    await runExport({ datasetId, request: req('trl-sft'), file, actor });
    const answers = (await lines(file)).map((r) => (r.messages as { content: string }[]).at(-1)!.content);
    expect(answers).toEqual([`Hello! ${EMOJI_CJK}`, 'Hey there 👋', '42', 'forty-two', 'Follow-up answer 中文']);
  });

  it('filters: approved only, top-k, min-score, evaluator=fail', async () => {
    const answers = async (filters: Record<string, unknown>) => {
      const file = path.join(dir, `f-${Math.random()}.jsonl`);
      await runExport({ datasetId, request: req('openai-chat', filters), file, actor });
      return (await lines(file)).map((r) => (r.messages as { content: string }[]).at(-1)!.content);
    };
    expect(await answers({ status: 'approved' })).toEqual(['Hey there 👋', '42']);
    expect(await answers({ topK: 1 })).toEqual([`Hello! ${EMOJI_CJK}`, '42', 'Follow-up answer 中文']);
    expect(await answers({ minScore: 0.9 })).toEqual([`Hello! ${EMOJI_CJK}`, '42', 'forty-two']);
    expect(await answers({ status: 'all', evaluators: ['exact=fail'] })).toEqual(['Goodbye.', '41', 'wrong', 'meh']);
  });

  it('alpaca reports the multi-turn prompt it skipped', async () => {
    const result = await runExport({ datasetId, request: req('alpaca'), file: path.join(dir, 'alpaca2.jsonl'), actor });
    expect(result.manifest.counts.skipped).toEqual({ 'multi-turn': 1 });
    expect(result.manifest.counts.skipped_samples).toEqual([{ prompt_id: 'q3', reason: 'multi-turn' }]);
  });

  it('trl-dpo pairs: chosen passed the gate, rejected failed it first, ties never paired', async () => {
    const file = path.join(dir, 'dpo.jsonl');
    await runExport({ datasetId, request: req('trl-dpo', { pairsPerPrompt: 2 }), file, actor });
    const pairs = (await lines(file)).map((r) => [(r.chosen as { content: string }[])[0].content, (r.rejected as { content: string }[])[0].content]);
    expect(pairs).toEqual([
      [`Hello! ${EMOJI_CJK}`, 'Goodbye.'],
      ['Hey there 👋', 'hi'],
      ['42', '41'],
      ['Follow-up answer 中文', 'wrong'],
    ]);
    const strict = await countExport(datasetId, req('trl-dpo', { minMargin: 0.65 }));
    expect(strict.rows).toBe(3); // q1 0.9−0.2, q2 0.95−0.3, q3 0.8−0.1
  });

  it('Parquet: list<struct> messages and flat alpaca columns read back with UTF-8 intact', async () => {
    const file = path.join(dir, 'sft.parquet');
    const result = await runExport({ datasetId, request: req('trl-sft', {}, true), file, actor });
    const rows = await parquetReadObjects({ file: (await readFile(file)).buffer as ArrayBuffer });
    expect(rows.length).toBe(result.stats.rows);
    for (const r of rows) validateLine('trl-sft', r);
    expect(JSON.stringify(rows)).toContain(EMOJI_CJK);
    const jsonl = await lines(path.join(dir, 'sft-default.jsonl'));
    expect(rows).toEqual(jsonl);

    const afile = path.join(dir, 'alpaca.parquet');
    await runExport({ datasetId, request: req('alpaca', {}, true), file: afile, actor });
    const arows = await parquetReadObjects({ file: (await readFile(afile)).buffer as ArrayBuffer });
    expect(arows.map((r) => [r.instruction, r.output, r.system])).toContainEqual(['What is 6×7?', '42', 'Answer briefly.']);
  });

  it('versions are listed newest first and diff by prompt id', async () => {
    const v1 = await runExport({ datasetId, request: req('trl-sft'), file: path.join(dir, 'v1.jsonl'), actor });
    // A curator rejects q2's approved answer and approves q4's: q2 changes, q4 is added.
    const q2 = await prisma.candidate.findFirstOrThrow({ where: { datasetId, content: 'forty-two' } });
    await prisma.candidate.update({ where: { id: q2.id }, data: { finalStatus: 'rejected' } });
    const q4 = await prisma.candidate.findFirstOrThrow({ where: { datasetId, content: 'meh' } });
    await prisma.candidate.update({ where: { id: q4.id }, data: { finalStatus: 'approved' } });
    const q3 = await prisma.candidate.findFirstOrThrow({ where: { datasetId, content: 'Follow-up answer 中文' } });
    await prisma.candidate.update({ where: { id: q3.id }, data: { finalStatus: 'rejected' } });
    const v2 = await runExport({ datasetId, request: req('trl-sft'), file: path.join(dir, 'v2.jsonl'), actor });
    const list = await listExports(datasetId);
    expect(list[0].id).toBe(v2.id);
    expect(list[1].id).toBe(v1.id);
    expect(await diffExports(v1.id, v2.id)).toMatchObject({
      added: 1,
      removed: 1,
      changed: 1,
      unchanged: 1,
      samples: { added: ['q4'], removed: ['q3'], changed: ['q2'] },
    });
  });
});
