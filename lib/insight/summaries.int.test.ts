// The Insight summary tables (kept by triggers on every write) against a full recomputation from the
// base tables, after each step of a realistic sequence of writes: import, judge scores, re-derivation
// after policy changes, single and bulk decisions with undo, an evaluator and candidates deleted.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../db/client';
import { pgPool } from '../db/pool';
import { writeScores } from '../evaluation/judge/write-scores';
import { deleteEvaluator } from '../evaluation/manage-evaluators';
import { updatePolicy } from '../evaluation/update-policy';
import { applyBulk, undoLastBulk } from '../review/bulk-actions';
import { recordDecision } from '../review/record-decision';
import { queueFilterSchema } from '../review/schemas';
import { importFile } from '../import/import-file';
import { resetDatabase } from '../testing/reset-database';
import { getDatasetStats } from './get-dataset-stats';
import { compactSummaries } from './query-summaries';
import { summaryRowsOf, summarySnapshot } from './testing/summary-snapshot';
import { seedInsightDataset } from './testing/seed-insight';

const actor = { id: 'insight-curator', name: 'Curator', email: 'insight-curator@winnow.test' };
let datasetId: number;
let otherId: number;

async function expectExact(step: string) {
  const { maintained, rebuilt } = await summarySnapshot(datasetId);
  expect(rebuilt.length, step).toBeGreaterThan(0);
  expect(maintained, step).toEqual(rebuilt);
  const d = await prisma.dataset.findUniqueOrThrow({ where: { id: datasetId } });
  const fromSummaries = await getDatasetStats(datasetId, { policy: d.policy });
  const recomputed = await getDatasetStats(datasetId, { policy: d.policy, recompute: true });
  const figures = (s: typeof fromSummaries) => ({ ...s, serverMs: 0, source: '' });
  expect(figures(fromSummaries), step).toEqual(figures(recomputed));
  return fromSummaries;
}

beforeAll(async () => {
  await resetDatabase();
  await prisma.user.create({ data: { id: actor.id, email: actor.email, name: actor.name, role: 'curator' } });
  ({ datasetId } = await seedInsightDataset({ name: 'summaries', judge: true, reviewPrompts: 20, costs: true, policy: { topK: 1, threshold: 0.5 } }));
  ({ datasetId: otherId } = await seedInsightDataset({ name: 'summaries-other', policy: { topK: 1 } }));
});

describe('maintained Insight summaries equal a full recomputation', () => {
  it('after the import, scores, verdicts and seeded decisions', async () => {
    const s = await expectExact('seeded');
    expect(s.counts.candidates).toBe(1000);
    expect(s.yieldByN.overall).toHaveLength(4);
    expect(s.histograms.evaluators.find((h) => h.name === 'judge')!.total).toBe(1000);
    expect(s.consistency.repeated.scores).toBeGreaterThan(0);
  });

  it('after a judge writes (and rewrites) scores', async () => {
    const judge = await prisma.evaluator.create({ data: { datasetId, name: 'judge-2', kind: 'llm-judge', role: 'score' } });
    const ids = (await prisma.candidate.findMany({ where: { datasetId }, select: { id: true }, orderBy: { id: 'asc' }, take: 300 })).map((c) => c.id);
    const client = await pgPool().connect();
    try {
      await writeScores(client, judge.id, ids.map((id, i) => ({ candidateId: id, value: (i % 11) / 10, passed: null, raw: { samples: [(i % 11) / 10, 0.5] } })));
      // Re-judged: some values change, some now error.
      await writeScores(client, judge.id, ids.slice(0, 100).map((id, i) => (i % 3 ? { candidateId: id, value: 1 - (i % 11) / 10, passed: null } : { candidateId: id, value: null, passed: null, error: 'timeout' })));
    } finally {
      client.release();
    }
    await expectExact('judge scores');
  });

  it('after new samples join existing (prompt, run) pairs', async () => {
    // One statement: a passing sample after failing ones, and a plain new sample, into pairs that exist.
    await pgPool().query(
      `INSERT INTO candidates (dataset_id, prompt_id, run_id, sample_index, content, content_hash, model, auto_verdict, verdict_reason, final_status, aggregate, rank)
       SELECT c.dataset_id, c.prompt_id, c.run_id, 9 + (row_number() OVER ())::int % 2, 'extra', md5(c.id::text), c.model,
              CASE WHEN row_number() OVER () % 2 = 0 THEN 'accepted' ELSE 'pending' END::"AutoVerdict", NULL,
              CASE WHEN row_number() OVER () % 2 = 0 THEN 'accepted' ELSE 'pending' END::"FinalStatus", 0.9, 1
         FROM candidates c WHERE c.dataset_id = $1 AND c.sample_index = 0 ORDER BY c.id LIMIT 40`,
      [datasetId],
    );
    await expectExact('new samples');
  });

  it('after policy changes re-derive the verdicts (threshold, then top-k)', async () => {
    await updatePolicy({ datasetId, threshold: 0.65 });
    await expectExact('threshold 0.65');
    await updatePolicy({ datasetId, topK: 2 });
    const s = await expectExact('top-2');
    expect(s.policy?.topK).toBe(2);
  });

  it('after single decisions, a bulk action and its undo', async () => {
    const open = await prisma.candidate.findMany({ where: { datasetId, decision: null }, select: { id: true, reviewVersion: true }, orderBy: { id: 'desc' }, take: 3 });
    for (const [i, c] of open.entries()) {
      const r = await recordDecision({ datasetId, candidateId: c.id, action: i === 1 ? 'reject' : 'approve', version: c.reviewVersion }, actor);
      expect(r.ok).toBe(true);
    }
    const reset = await recordDecision({ datasetId, candidateId: open[0].id, action: 'reset', version: open[0].reviewVersion + 1 }, actor);
    expect(reset.ok).toBe(true);
    await expectExact('single decisions');
    const bulk = await applyBulk({ datasetId, kind: 'approve-accepted', filter: queueFilterSchema.parse({}) }, actor);
    expect(bulk.ok && bulk.data.changed).toBeGreaterThan(0);
    await expectExact('bulk approve');
    const undo = await undoLastBulk(datasetId, actor);
    expect(undo.ok).toBe(true);
    await expectExact('bulk undone');
  });

  it('after an evaluator, candidates and a prompt are deleted, and after folding', async () => {
    const judge2 = await prisma.evaluator.findFirstOrThrow({ where: { datasetId, name: 'judge-2' } });
    await deleteEvaluator(judge2.id);
    await expectExact('evaluator deleted');
    // Candidates with scores and decisions go, by cascade.
    const reviewed = await prisma.candidate.findMany({ where: { datasetId, decision: { isNot: null } }, select: { id: true }, take: 5 });
    await prisma.candidate.deleteMany({ where: { id: { in: reviewed.map((c) => c.id) } } });
    await prisma.candidate.deleteMany({ where: { datasetId, sampleIndex: 0, promptId: { in: (await prisma.prompt.findMany({ where: { datasetId }, select: { id: true }, take: 10 })).map((p) => p.id) } } });
    const prompt = await prisma.prompt.findFirstOrThrow({ where: { datasetId }, orderBy: { id: 'desc' } });
    await prisma.prompt.delete({ where: { id: prompt.id } });
    const s = await expectExact('candidates and a prompt deleted');
    const left = await prisma.candidate.count({ where: { datasetId } });
    expect(left).toBeLessThan(1040 - 10);
    expect(s.counts.candidates).toBe(left);
    await compactSummaries(datasetId);
    await expectExact('folded');
  });

  it('a deleted dataset leaves no summary rows, and the other is untouched', async () => {
    const before = await summarySnapshot(otherId);
    const deleted = await prisma.dataset.create({ data: { name: 'summaries-gone' } });
    const { datasetId: goneId } = await seedInsightDataset({ name: 'summaries-gone-2', judge: true, reviewPrompts: 5 });
    expect(await summaryRowsOf(goneId)).toBeGreaterThan(0);
    await prisma.dataset.delete({ where: { id: goneId } });
    await prisma.dataset.delete({ where: { id: deleted.id } });
    expect(await summaryRowsOf(goneId)).toBe(0);
    const after = await summarySnapshot(otherId);
    expect(after.maintained).toEqual(before.maintained);
    expect(after.maintained).toEqual(after.rebuilt);
  });

  it('an import into an empty dataset (summaries rebuilt once before commit), then one into a full one (triggers)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'winnow-insight-import-'));
    try {
      const record = (i: number) => ({
        id: `q${i}`,
        prompt: `What is ${i} + ${i}?`,
        reference: String(2 * i),
        candidates: [0, 1, 2].map((k) => ({ content: `It is ${2 * i + k}.`, model: 'm', scores: { rm: ((i + k) % 10) / 10 } })),
      });
      const write = async (name: string, from: number, to: number) => {
        const file = path.join(dir, name);
        await writeFile(file, Array.from({ length: to - from }, (_, j) => JSON.stringify(record(from + j))).join('\n') + '\n');
        return file;
      };
      const first = await importFile({ datasetName: 'summaries-imported', filePath: await write('a.jsonl', 0, 40) });
      expect(first.ok).toBe(true);
      const id = (first as { datasetId: number }).datasetId;
      const afterFirst = await summarySnapshot(id);
      expect(afterFirst.maintained.filter((l) => l.startsWith('hist ')).length).toBeGreaterThan(0);
      expect(afterFirst.maintained).toEqual(afterFirst.rebuilt);
      const second = await importFile({ datasetName: 'summaries-imported', filePath: await write('b.jsonl', 40, 60) });
      expect(second.ok).toBe(true);
      const afterSecond = await summarySnapshot(id);
      expect(afterSecond.maintained).toEqual(afterSecond.rebuilt);
      expect(afterSecond.maintained).not.toEqual(afterFirst.maintained);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the SQL verdict class matches the TypeScript one', async () => {
    const { verdictClass } = await import('./verdict-class');
    const cases: [string, string | null][] = [
      ['accepted', 'passed'], ['pending', null], ['rejected', null], ['rejected', 'not in top 1 (rank 2)'], ['rejected', 'duplicate of #4'],
      ['rejected', 'score 0.31 below threshold 0.50'], ['rejected', 'failed gate math-answer'], ['rejected', 'score 0.31 is fine'],
      ['rejected', 'score below threshold 0.50'], ['rejected', 'score  below threshold 0.50'], ['rejected', 'Score 0.3 below threshold 0.5'],
    ];
    for (const [av, reason] of cases) {
      const { rows } = await pgPool().query<{ cls: number }>(`SELECT insight_cls($1::"AutoVerdict", $2) AS cls`, [av, reason]);
      expect(['other', 'eligible', 'below'][rows[0].cls], `${av} ${reason}`).toBe(verdictClass(av, reason));
    }
  });
});
