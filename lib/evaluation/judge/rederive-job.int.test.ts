// Imported scores keep their raw number and are normalised by the evaluator's config; changing that
// config re-normalises (never deletes); whole-dataset re-derivations run as a coalesced background job.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { prisma } from '../../db/client';
import { pgPool } from '../../db/pool';
import { clearQueue } from '../../generation/test-fixtures';
import { importFile } from '../../import/import-file';
import { startWorker, stopWorker } from '../../jobs/worker';
import { resetDatabase } from '../../testing/reset-database';
import { rewardModelConfigSchema } from '../evaluators/reward-model/config';
import { rewardModelEvaluator } from '../evaluators/reward-model';
import { normalizeScore } from '../evaluators/reward-model/normalize-score';
import { addEvaluator, deleteEvaluator, updateEvaluator } from '../manage-evaluators';
import { addEvaluatorSchema, updateEvaluatorSchema, updatePolicySchema } from '../schemas';
import { updatePolicy } from '../update-policy';
import { findUnscoredPrompts } from './find-unscored';
import { processRederiveJob, queueRederive } from './rederive-job';
import { getRederiveStatus } from './rederive-status';
import { renormalizeScores } from './renormalize-scores';
import { startJudge } from './start-judge';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'winnow-rederive-job-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));
beforeEach(async () => {
  await resetDatabase();
  await clearQueue();
});
afterEach(() => stopWorker());

// Reward-model style scores, unbounded: per prompt the 4 candidates score −4.2, 6.1, 0.5, 1.7 (+ i/10).
const RAW = [-4.2, 6.1, 0.5, 1.7];
const PROMPTS = 3;

async function importRewards(): Promise<number> {
  const lines = Array.from({ length: PROMPTS }, (_, i) =>
    JSON.stringify({ id: `p${i}`, prompt: `Q${i}`, candidates: RAW.map((r, k) => ({ content: `answer ${i}.${k}`, scores: { rm: r + i / 10 } })) }),
  );
  const file = path.join(dir, `rewards-${Date.now()}.jsonl`);
  await writeFile(file, `${lines.join('\n')}\n`);
  const r = await importFile({ datasetName: 'rewards', filePath: file });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.datasetId;
}

async function scores(evaluatorId: number) {
  const { rows } = await pgPool().query<{ candidate_id: number; value: number | null; raw_value: number | null; error: string | null }>(
    'SELECT candidate_id, value, raw_value, error FROM scores WHERE evaluator_id = $1 ORDER BY candidate_id',
    [evaluatorId],
  );
  return rows;
}

const accepted = async (datasetId: number) =>
  (await pgPool().query<{ content: string }>(`SELECT content FROM candidates WHERE dataset_id = $1 AND auto_verdict = 'accepted' ORDER BY content`, [datasetId])).rows.map((r) => r.content);

describe('imported scores: raw kept, normalised by config, re-normalised on change', () => {
  it('stores the raw number; the default accepts only 0..1 and names the fix for the rest', async () => {
    const datasetId = await importRewards();
    const rm = await prisma.evaluator.findFirstOrThrow({ where: { datasetId, name: 'rm' } });
    expect(rm.kind).toBe('imported');
    const rows = await scores(rm.id);
    expect(rows).toHaveLength(PROMPTS * 4);
    for (const r of rows) {
      expect(r.raw_value).not.toBeNull();
      if (r.raw_value! >= 0 && r.raw_value! <= 1) expect(r).toMatchObject({ value: r.raw_value, error: null });
      else expect(r).toMatchObject({ value: null, error: expect.stringMatching(/^imported score -?[\d.]+ is outside 0\.\.1: set the evaluator's config\.normalize/) });
    }
    // Out-of-range rows are not "unscored": the judge must not overwrite them (their raw value stays).
    expect(await findUnscoredPrompts(pgPool(), datasetId, rm.id)).toEqual([]);
  });

  it('a config change re-normalises from raw (min-max, then sigmoid), deletes nothing, and verdicts follow', async () => {
    const datasetId = await importRewards();
    const rm = await prisma.evaluator.findFirstOrThrow({ where: { datasetId, name: 'rm' } });
    const before = await scores(rm.id);

    const u = await updateEvaluator(updateEvaluatorSchema.parse({ id: rm.id, config: '{"normalize": {"min": -5, "max": 7}}' }));
    expect(u).toMatchObject({ deletedScores: 0, renormalize: true });
    expect(u.rederive.renormalized).toBeGreaterThan(0);
    let rows = await scores(rm.id);
    expect(rows.map((r) => [r.candidate_id, r.raw_value])).toEqual(before.map((r) => [r.candidate_id, r.raw_value]));
    for (const r of rows) {
      expect(r.error).toBeNull();
      expect(r.value).toBeCloseTo((r.raw_value! + 5) / 12, 12);
    }
    // Default policy (threshold 0.5, top-1): the 6.1 candidate of each prompt.
    expect(await accepted(datasetId)).toEqual(Array.from({ length: PROMPTS }, (_, i) => `answer ${i}.1`));

    await updateEvaluator(updateEvaluatorSchema.parse({ id: rm.id, config: '{"normalize": {"kind": "sigmoid", "center": 1, "temperature": 2}}' }));
    rows = await scores(rm.id);
    for (const r of rows) {
      const n = normalizeScore(r.raw_value, { kind: 'sigmoid', center: 1, temperature: 2 }, 'imported');
      expect(n.ok).toBe(true);
      expect(Math.abs(r.value! - (n as { value: number }).value)).toBeLessThan(1e-12);
    }
    // Idempotent: nothing left to change.
    expect(await renormalizeScores(pgPool(), datasetId)).toBe(0);

    // Back to the default: out-of-range values become errors again, in-range ones keep their value.
    await updateEvaluator(updateEvaluatorSchema.parse({ id: rm.id, config: '{}' }));
    expect((await scores(rm.id)).map((r) => [r.value, r.error === null])).toEqual(before.map((r) => [r.value, r.error === null]));
    expect(await prisma.score.count({ where: { evaluatorId: rm.id } })).toBe(PROMPTS * 4);
  });

  it('a later import into the dataset uses the evaluator’s normalisation', async () => {
    const datasetId = await importRewards();
    const rm = await prisma.evaluator.findFirstOrThrow({ where: { datasetId, name: 'rm' } });
    await updateEvaluator(updateEvaluatorSchema.parse({ id: rm.id, config: '{"normalize": "sigmoid"}' }));
    const file = path.join(dir, 'more.jsonl');
    await writeFile(file, `${JSON.stringify({ id: 'more', prompt: 'Q', candidates: [{ content: 'late', scores: { rm: 3 } }] })}\n`);
    expect(await importFile({ datasetName: 'rewards', filePath: file })).toMatchObject({ ok: true });
    const { rows } = await pgPool().query<{ value: number; raw_value: number }>(
      `SELECT s.value, s.raw_value FROM scores s JOIN candidates c ON c.id = s.candidate_id WHERE c.content = 'late'`,
    );
    expect(rows[0].raw_value).toBe(3);
    expect(rows[0].value).toBeCloseTo(1 / (1 + Math.exp(-3)), 12);
  });
});

describe('re-derivation as a background job', () => {
  it('returns at once, coalesces while one waits, and the judge worker runs it', async () => {
    const datasetId = await importRewards();
    const rm = await prisma.evaluator.findFirstOrThrow({ where: { datasetId, name: 'rm' } });
    const before = await accepted(datasetId);

    // No worker yet: the change is saved, the verdicts not re-derived, the job waits.
    const u = await updateEvaluator(updateEvaluatorSchema.parse({ id: rm.id, config: '{"normalize": {"min": -5, "max": 7}}' }), undefined, { rederive: 'queue' });
    expect(u.rederive).toMatchObject({ queued: true, coalesced: false });
    const p = await updatePolicy(updatePolicySchema.parse({ datasetId, topK: '0', threshold: '0.5' }), undefined, { rederive: 'queue' });
    expect(p.rederive).toEqual({ queued: true, jobId: u.rederive.jobId, coalesced: true });
    expect(await accepted(datasetId)).toEqual(before);
    let status = await getRederiveStatus(datasetId);
    expect(status.pending).toBe(true);
    expect(status.jobs.map((j) => j.state)).toEqual(['queued']);

    await startWorker();
    const deadline = Date.now() + 20_000;
    while ((status = await getRederiveStatus(datasetId)).pending && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(status.pending).toBe(false);
    expect(status.jobs[0]).toMatchObject({ id: u.rederive.jobId, state: 'done', result: { candidates: PROMPTS * 4, renormalized: expect.any(Number) } });
    // (raw + 5) / 12 ≥ 0.5 ⇔ raw ≥ 1: the 6.1 and 1.7 candidates of every prompt, no top-k cap.
    expect(await accepted(datasetId)).toEqual(Array.from({ length: PROMPTS }, (_, i) => [`answer ${i}.1`, `answer ${i}.3`]).flat());
    expect(status.jobs[0].result!.accepted).toBe(PROMPTS * 2);
  });

  it('a job for a deleted dataset does nothing; queueing again after it ran makes a new job', async () => {
    const datasetId = await importRewards();
    const first = await queueRederive(datasetId, 'test');
    expect(await processRederiveJob({ datasetId: 999_999, reason: 'test' })).toBeNull();
    await pgPool().query(`UPDATE pgboss.job SET state = 'completed' WHERE id = $1`, [first.jobId]);
    const second = await queueRederive(datasetId, 'test');
    expect(second.coalesced).toBe(false);
    expect(second.jobId).not.toBe(first.jobId);
  });

  it('adding and deleting evaluators queue a re-derivation too', async () => {
    const datasetId = await importRewards();
    const e = await addEvaluator(addEvaluatorSchema.parse({ datasetId, kind: 'contains', config: { text: 'answer' } }), undefined, { rederive: 'queue' });
    expect(e.rederive.queued).toBe(true);
    const d = await deleteEvaluator(e.evaluator.id, undefined, { rederive: 'queue' });
    expect(d?.rederive).toEqual({ queued: true, jobId: e.rederive.jobId, coalesced: true });
  });
});

describe('reward model: a normalize-only change keeps the scores, any other change re-scores', () => {
  it('re-normalises from raw_value, or deletes only its own scores', async () => {
    const datasetId = await importRewards();
    const rm = await addEvaluator(addEvaluatorSchema.parse({ datasetId, kind: 'reward-model', name: 'http-rm', config: { url: 'http://127.0.0.1:9/score' } }));
    const cands = (await pgPool().query<{ id: number }>('SELECT id FROM candidates WHERE dataset_id = $1 ORDER BY id', [datasetId])).rows;
    // Scores as the evaluator would have written them (sigmoid by default), raw kept.
    await pgPool().query(
      `INSERT INTO scores (candidate_id, evaluator_id, value, raw_value, raw) SELECT c, $2, 1 / (1 + exp(-r)), r, jsonb_build_object('score', r)
       FROM unnest($1::int[], $3::float8[]) AS t(c, r)`,
      [cands.map((c) => c.id), rm.evaluator.id, cands.map((_, k) => RAW[k % 4])],
    );
    // One prompt still being judged under the old config (its job will be dropped as stale).
    const lastPrompt = (await pgPool().query<{ prompt_id: number }>('SELECT prompt_id FROM candidates WHERE id = $1', [cands.at(-1)!.id])).rows[0].prompt_id;
    await pgPool().query('DELETE FROM scores WHERE evaluator_id = $1 AND candidate_id IN (SELECT id FROM candidates WHERE prompt_id = $2)', [rm.evaluator.id, lastPrompt]);
    const old = await startJudge(datasetId, { evaluatorIds: [rm.evaluator.id] });
    expect(old.jobs).toBe(1);
    const kept = await updateEvaluator(updateEvaluatorSchema.parse({ id: rm.evaluator.id, config: { url: 'http://127.0.0.1:9/score', normalize: { kind: 'min-max', min: -5, max: 7 } } }));
    expect(kept).toMatchObject({ deletedScores: 0, renormalize: true });
    for (const r of await scores(rm.evaluator.id)) expect(r.value).toBeCloseTo((r.raw_value! + 5) / 12, 12);
    // …and the prompt it was judging is queued again under the new config.
    const { rows: jobs } = await pgPool().query<{ version: string; prompts: number[] }>(
      `SELECT data->>'version' AS version, data->'promptIds' AS prompts FROM pgboss.job WHERE name = 'winnow-judge' AND (data->>'evaluatorId')::int = $1 ORDER BY created_on`,
      [rm.evaluator.id],
    );
    expect(jobs).toHaveLength(2);
    expect(jobs[1].version).not.toBe(jobs[0].version);
    expect(jobs[1].prompts).toEqual([lastPrompt]);
    const importedBefore = await prisma.score.count({ where: { evaluator: { name: 'rm', datasetId } } });
    const changed = await updateEvaluator(updateEvaluatorSchema.parse({ id: rm.evaluator.id, config: { url: 'http://127.0.0.1:9/other', normalize: { kind: 'min-max', min: -5, max: 7 } } }));
    expect(changed).toMatchObject({ deletedScores: cands.length - 4, renormalize: false });
    expect(await prisma.score.count({ where: { evaluator: { name: 'rm', datasetId } } })).toBe(importedBefore);
  });
});

describe('reward model requests only go to allowed hosts', () => {
  it('refuses a stored config pointing elsewhere (e.g. restored by a raw import) before any request', async () => {
    const rt = { endpoint: async () => null, signal: new AbortController().signal };
    const config = rewardModelConfigSchema.parse({ url: 'http://169.254.169.254/latest/meta-data', timeoutMs: 100_000 });
    const started = Date.now();
    const rs = await rewardModelEvaluator.evaluate({ prompt: { id: 1, externalId: 'p', messages: [{ role: 'user', content: 'hi' }], reference: null }, candidates: [{ id: 7, sampleIndex: 0, runId: 1, content: 'x', contentHash: 'h', model: null }], config }, rt);
    expect(rs).toEqual([{ candidateId: 7, value: null, passed: null, error: expect.stringMatching(/^reward model request refused: host "169\.254\.169\.254" is not allowed/) }]);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
