// Round trip: a dataset → raw export → import into a new dataset → the same prompts, candidates,
// statuses, scores and decisions; and a second raw export of the copy is byte-identical except ids.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { prisma } from '../db/client';
import { closePgPool } from '../db/pool';
import { runExport } from '../export/run-export';
import { exportRequestSchema } from '../export/schemas';
import { seedExportDataset } from '../export/seed-test-dataset';
import { resetDatabase } from '../testing/reset-database';
import { safeParsePolicy } from '../evaluation/policy/schemas';
import { importRawExport } from './import-raw';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'winnow-raw-test-'));
});
beforeEach(() => resetDatabase());
afterAll(async () => {
  await closePgPool();
  await rm(dir, { recursive: true, force: true });
});

const raw = exportRequestSchema.parse({ format: 'raw', filters: { status: 'all' } });
const actor = { userId: null, label: 'test' };

async function snapshot(datasetId: number) {
  const candidates = await prisma.candidate.findMany({
    where: { datasetId },
    orderBy: [{ prompt: { externalId: 'asc' } }, { sampleIndex: 'asc' }],
    select: {
      content: true,
      model: true,
      aggregate: true,
      autoVerdict: true,
      finalStatus: true,
      rank: true,
      prompt: { select: { externalId: true, messages: true, reference: true } },
      decision: { select: { verdict: true, note: true, reviewer: { select: { email: true } } } },
      scores: { select: { value: true, passed: true, rationale: true, error: true, evaluator: { select: { name: true, role: true, kind: true, config: true } } }, orderBy: { evaluator: { name: 'asc' } } },
    },
  });
  // The manifest keeps the effective policy (defaults filled in): compare what the policy means.
  const policy = safeParsePolicy((await prisma.dataset.findUniqueOrThrow({ where: { id: datasetId } })).policy);
  return { candidates, policy };
}

describe('raw export → import', () => {
  it('restores the same statuses, scores, decisions, evaluators and policy', async () => {
    const { datasetId } = await seedExportDataset('original');
    const file = path.join(dir, 'original.jsonl');
    await runExport({ datasetId, request: raw, file, actor });

    const result = await importRawExport({ filePath: file, datasetName: 'copy' });
    expect(result).toMatchObject({ ok: true, prompts: 4, candidates: 11, statuses: 11, decisions: 3 });
    if (!result.ok) return;
    const before = await snapshot(datasetId);
    const after = await snapshot(result.datasetId);
    expect(after).toEqual(before);
    expect(after.candidates.filter((c) => c.finalStatus === 'approved')).toHaveLength(2);

    // Exporting the copy gives the same lines, except the run it came from.
    const again = path.join(dir, 'again.jsonl');
    await runExport({ datasetId: result.datasetId, request: raw, file: again, actor });
    const strip = (text: string) => text.split('\n').filter(Boolean).map((l) => ({ ...JSON.parse(l), run: null }));
    expect(strip(await readFile(again, 'utf8'))).toEqual(strip(await readFile(file, 'utf8')));
  });

  it('refuses an existing dataset and a broken line, writing nothing', async () => {
    await seedExportDataset('original');
    const file = path.join(dir, 'bad.jsonl');
    await writeFile(file, `${JSON.stringify({ prompt_id: 'a', messages: [{ role: 'user', content: 'x' }], content: 'y', final_status: 'maybe' })}\n`);
    expect(await importRawExport({ filePath: file, datasetName: 'original' })).toMatchObject({ ok: false, errors: [{ message: expect.stringMatching(/already exists/) }] });
    const bad = await importRawExport({ filePath: file, datasetName: 'fresh' });
    expect(bad).toMatchObject({ ok: false, errors: [{ line: 1, field: 'final_status' }] });
    expect(await prisma.dataset.count({ where: { name: 'fresh' } })).toBe(0);
  });
});
