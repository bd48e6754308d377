import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prisma } from '../../db/client';
import { pgPool } from '../../db/pool';
import { getDatasetCounts } from '../../datasets/get-dataset-status';
import { clearQueue } from '../../generation/test-fixtures';
import { stopWorker } from '../../jobs/worker';
import { resetDatabase } from '../../testing/reset-database';
import { addEvaluator, updateEvaluator } from '../manage-evaluators';
import { rederiveDataset } from '../rederive-dataset';
import { addEvaluatorSchema, updateEvaluatorSchema, updatePolicySchema } from '../schemas';
import { updatePolicy } from '../update-policy';
import { getJudgeProgress } from './judge-progress';
import { judgeNow } from './judge-now';
import { processJudgeJob } from './process-judge-job';
import { startJudge } from './start-judge';
import { seedJudgeDataset } from './test-fixtures';
import { waitForJudge } from './wait-for-judge';

// Per prompt: sample 0 right and well formatted, 1 wrong, 2 right but without the "A:" line the
// regex gate asks for, 3 right and formatted (a second acceptable one: top-k decides).
const texts = (i: number, answer: number) => [
  `${i} plus ${i} makes ${answer}.\nA: ${answer}`,
  `${i} plus ${i} makes ${answer + 8}.\nA: ${answer + 8}`,
  `The answer is ${answer}`,
  `Adding gives ${answer}, so\nA: ${answer}`,
];

const PROMPTS = 12;

async function add(datasetId: number, kind: string, config: unknown = {}, name?: string) {
  return (await addEvaluator(addEvaluatorSchema.parse({ datasetId, kind, config, name }))).evaluator;
}

async function verdicts(datasetId: number) {
  const { rows } = await pgPool().query<{ prompt: string; sample_index: number; auto_verdict: string; final_status: string; rank: number; verdict_reason: string }>(
    `SELECT p.external_id AS prompt, c.sample_index, c.auto_verdict::text, c.final_status::text, c.rank, c.verdict_reason
     FROM candidates c JOIN prompts p ON p.id = c.prompt_id WHERE c.dataset_id = $1 ORDER BY p.id, c.sample_index`,
    [datasetId],
  );
  return rows;
}

const scoreRows = async (evaluatorId: number) =>
  (await pgPool().query<{ id: number; candidate_id: number; created_at: Date }>('SELECT id, candidate_id, created_at FROM scores WHERE evaluator_id = $1 ORDER BY id', [evaluatorId])).rows;

beforeEach(async () => {
  await resetDatabase();
  await clearQueue();
});
afterEach(async () => {
  await stopWorker();
});

describe('judging a dataset end to end', () => {
  it('queues jobs, a worker scores math-answer + regex gates, verdicts and counts follow', async () => {
    const datasetId = await seedJudgeDataset('gsm', PROMPTS, texts);
    const math = await add(datasetId, 'math-answer');
    const format = await add(datasetId, 'regex', { pattern: '^A: \\d+$', flags: 'm' }, 'format');
    expect(math.role).toBe('gate');
    // Before judging, every candidate waits for the gates.
    expect(new Set((await verdicts(datasetId)).map((v) => v.auto_verdict))).toEqual(new Set(['pending']));

    const started = await startJudge(datasetId);
    expect(started.evaluators.map((e) => [e.name, e.prompts])).toEqual([
      ['math-answer', PROMPTS],
      ['format', PROMPTS],
    ]);
    // A second start while the jobs are queued adds nothing.
    expect((await startJudge(datasetId)).jobs).toBe(0);

    const done = await waitForJudge(datasetId, { intervalMs: 100 });
    expect(done).toMatchObject({ running: false, total: PROMPTS * 4 * 2, scored: PROMPTS * 4 * 2, errors: 0 });

    const v = await verdicts(datasetId);
    const q1 = v.filter((r) => r.prompt === 'q1');
    expect(q1.map((r) => [r.sample_index, r.auto_verdict, r.rank])).toEqual([
      [0, 'accepted', 1],
      [1, 'rejected', 3],
      [2, 'rejected', 4],
      [3, 'rejected', 2],
    ]);
    expect(q1[1].verdict_reason).toBe('failed gate math-answer: got 10, expected 2');
    expect(q1[2].verdict_reason).toBe('failed gate format: no match for /^A: \\d+$/');
    expect(q1[3].verdict_reason).toBe('not in top 1 (rank 2)');
    expect(q1[0].verdict_reason).toBe('passed math-answer, format; no score (gates only)');
    expect(v.every((r) => r.final_status === r.auto_verdict)).toBe(true);

    const counts = await getDatasetCounts(datasetId);
    expect(counts).toMatchObject({ candidates: PROMPTS * 4, scored: PROMPTS * 4, autoAccepted: PROMPTS, promptsWithAccepted: PROMPTS });
    const prompt = await prisma.prompt.findFirstOrThrow({ where: { datasetId, externalId: 'q1' } });
    expect(prompt).toMatchObject({ acceptedCount: 1, flags: [] });

    // Idempotent: nothing is left to queue, and a job run again overwrites rather than duplicates.
    expect((await startJudge(datasetId)).jobs).toBe(0);
    const before = await scoreRows(math.id);
    const version = (await pgPool().query('SELECT md5(config::text) AS v FROM evaluators WHERE id = $1', [math.id])).rows[0].v;
    await pgPool().query('UPDATE scores SET error = $2, value = NULL, passed = NULL WHERE id = $1', [before[0].id, 'timeout']);
    const promptIds = (await prisma.prompt.findMany({ where: { datasetId }, select: { id: true } })).map((p) => p.id);
    expect(await processJudgeJob({ datasetId, evaluatorId: math.id, version, promptIds })).toEqual({ status: 'done', scored: 1, errors: 0 });
    const after = await scoreRows(math.id);
    expect(after.map((s) => s.candidate_id)).toEqual(before.map((s) => s.candidate_id));
    expect(after.map((s) => s.id)).toEqual(before.map((s) => s.id));
    const progress = await getJudgeProgress(datasetId);
    expect(progress).toMatchObject({ scored: PROMPTS * 8, errors: 0 });
    void format;
  }, 120_000);

  it('a config change deletes and re-scores only that evaluator; a stale job writes nothing', async () => {
    const datasetId = await seedJudgeDataset('gsm', 5, texts);
    const math = await add(datasetId, 'math-answer');
    const format = await add(datasetId, 'regex', { pattern: '^A: \\d+$', flags: 'm' }, 'format');
    await judgeNow(datasetId);
    const mathBefore = await scoreRows(math.id);
    const oldVersion = (await pgPool().query('SELECT md5(config::text) AS v FROM evaluators WHERE id = $1', [format.id])).rows[0].v;

    // Same meaning (defaults spelled out): nothing deleted.
    const same = await updateEvaluator(updateEvaluatorSchema.parse({ id: format.id, config: { pattern: '^A: \\d+$', flags: 'm', negate: false } }));
    expect(same.deletedScores).toBe(0);
    // Weight/name changes keep scores too.
    expect((await updateEvaluator(updateEvaluatorSchema.parse({ id: format.id, weight: 2 }))).deletedScores).toBe(0);

    const changed = await updateEvaluator(updateEvaluatorSchema.parse({ id: format.id, config: JSON.stringify({ pattern: 'A: \\d+' }) }));
    expect(changed.deletedScores).toBe(20);
    expect(await scoreRows(format.id)).toHaveLength(0);
    expect(await scoreRows(math.id)).toEqual(mathBefore);
    // Waiting for the re-score: nothing accepted meanwhile.
    expect((await getDatasetCounts(datasetId)).autoAccepted).toBe(0);

    // A job queued under the old config is dropped.
    const promptIds = (await prisma.prompt.findMany({ where: { datasetId }, select: { id: true } })).map((p) => p.id);
    expect(await processJudgeJob({ datasetId, evaluatorId: format.id, version: oldVersion, promptIds })).toEqual({ status: 'stale' });

    const started = await startJudge(datasetId);
    expect(started.evaluators.map((e) => [e.name, e.jobs > 0])).toEqual([
      ['math-answer', false],
      ['format', true],
    ]);
    await clearQueue();
    await judgeNow(datasetId);
    expect(await scoreRows(math.id)).toEqual(mathBefore);
    // The looser pattern (no line anchors) still needs "A: n": samples 0 and 3 pass, top-1 accepts one per prompt.
    expect((await getDatasetCounts(datasetId)).autoAccepted).toBe(5);
  }, 120_000);

  it('policy changes re-derive without re-running evaluators and keep curator decisions', async () => {
    const datasetId = await seedJudgeDataset('gsm', 6, texts);
    const math = await add(datasetId, 'math-answer');
    await judgeNow(datasetId);
    // Gate only: samples 0, 2 and 3 pass math-answer; top-1 accepts one per prompt.
    expect((await getDatasetCounts(datasetId)).autoAccepted).toBe(6);
    const scoresBefore = await scoreRows(math.id);

    // A curator approves a rejected candidate and rejects an accepted one.
    const [q0] = await prisma.prompt.findMany({ where: { datasetId, externalId: 'q0' } });
    const cands = await prisma.candidate.findMany({ where: { promptId: q0.id }, orderBy: { sampleIndex: 'asc' } });
    expect(cands.map((c) => c.finalStatus)).toEqual(['accepted', 'rejected', 'rejected', 'rejected']);
    await prisma.decision.create({ data: { candidateId: cands[0].id, verdict: 'rejected' } });
    await prisma.decision.create({ data: { candidateId: cands[1].id, verdict: 'approved' } });
    await prisma.candidate.update({ where: { id: cands[0].id }, data: { finalStatus: 'rejected' } });
    await prisma.candidate.update({ where: { id: cands[1].id }, data: { finalStatus: 'approved' } });

    const r = await updatePolicy(updatePolicySchema.parse({ datasetId, topK: '0' }));
    expect(r.policy.topK).toBe(0);
    expect(r.rederive).toMatchObject({ candidates: 24, accepted: 18, rejected: 6 });
    expect(await scoreRows(math.id)).toEqual(scoresBefore);
    const after = await prisma.candidate.findMany({ where: { promptId: q0.id }, orderBy: { sampleIndex: 'asc' } });
    expect(after.map((c) => [c.autoVerdict, c.finalStatus])).toEqual([
      ['accepted', 'rejected'],
      ['rejected', 'approved'],
      ['accepted', 'accepted'],
      ['accepted', 'accepted'],
    ]);
    expect((await prisma.prompt.findUniqueOrThrow({ where: { id: q0.id } })).acceptedCount).toBe(3);

    // A full re-derivation from scratch (verdicts wiped) writes the same state back.
    await pgPool().query(`UPDATE candidates SET auto_verdict = 'pending', final_status = 'pending', rank = NULL, verdict_reason = NULL WHERE dataset_id = $1`, [datasetId]);
    const again = await rederiveDataset(datasetId, { pageSize: 2 });
    expect(again).toMatchObject({ prompts: 6, candidates: 24, changedCandidates: 24, accepted: 18 });
    const again2 = await prisma.candidate.findMany({ where: { promptId: q0.id }, orderBy: { sampleIndex: 'asc' } });
    expect(again2.map((c) => c.finalStatus)).toEqual(['rejected', 'approved', 'accepted', 'accepted']);
    // Nothing changed → nothing written.
    expect((await rederiveDataset(datasetId)).changedCandidates).toBe(0);

    // Invalid changes name the field.
    await expect(updatePolicy(updatePolicySchema.parse({ datasetId, gates: 'nope' }))).rejects.toMatchObject({ fieldErrors: { gates: [expect.stringContaining('nope')] } });
  }, 120_000);
});

describe('after a generation run', () => {
  it('a closed run queues the dataset evaluators for its new candidates; a dataset without evaluators queues nothing', async () => {
    const { judgeAfterRun } = await import('./judge-after-run');
    const datasetId = await seedJudgeDataset('after-run', 3, texts);
    const run = await prisma.generationRun.create({ data: { datasetId, kind: 'generate', status: 'completed' } });
    expect(await judgeAfterRun(run.id)).toBeNull();

    const math = await add(datasetId, 'math-answer');
    const queued = await judgeAfterRun(run.id);
    expect(queued?.evaluators).toEqual([expect.objectContaining({ id: math.id, prompts: 3 })]);
    expect(queued!.jobs).toBeGreaterThan(0);
    // The same prompts are already queued: a second close (or a retry) adds nothing.
    expect((await judgeAfterRun(run.id))!.jobs).toBe(0);
  });
});
