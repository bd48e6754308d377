// llm-judge + dedupe + math-answer on a real database through the judge engine, against the fake
// OpenAI server: scores and rationales are stored, duplicates are marked and never both accepted.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashContent } from '../../candidates/hash-content';
import { prisma } from '../../db/client';
import { pgPool } from '../../db/pool';
import { startFakeOpenAI, type FakeOpenAIServer } from '../../testing/fake-openai';
import { resetDatabase } from '../../testing/reset-database';
import { judgeNow } from '../judge/judge-now';
import { addEvaluator } from '../manage-evaluators';
import { addEvaluatorSchema, updatePolicySchema } from '../schemas';
import { updatePolicy } from '../update-policy';

let fake: FakeOpenAIServer;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake.close());
beforeEach(() => resetDatabase());

const PROMPTS = 4;
// Sample 0 right, 1 an exact copy of 0, 2 wrong, 3 right with other words.
const texts = (answer: number) => [`First I add them.\nA: ${answer}`, `First I add them.\nA: ${answer}`, `I think it is more.\nA: ${answer + 8}`, `Summing both numbers carefully gives the total.\nA: ${answer}`];

async function seed() {
  await prisma.endpoint.create({ data: { name: 'judge', baseUrl: fake.url, model: 'fake-model' } });
  const ds = await prisma.dataset.create({ data: { name: 'judged' } });
  const run = await prisma.generationRun.create({ data: { datasetId: ds.id, kind: 'import', status: 'completed', model: 'gen' } });
  for (let i = 0; i < PROMPTS; i++) {
    const text = `What is ${i} + ${i}?`;
    const p = await prisma.prompt.create({ data: { datasetId: ds.id, externalId: `q${i}`, messages: [{ role: 'user', content: text }], searchText: text, reference: String(2 * i) } });
    await prisma.candidate.createMany({
      data: texts(2 * i).map((content, k) => ({ datasetId: ds.id, promptId: p.id, runId: run.id, sampleIndex: k, content, contentHash: hashContent(content) })),
    });
  }
  return ds.id;
}

async function add(datasetId: number, kind: string, config: unknown, weight?: number) {
  return (await addEvaluator(addEvaluatorSchema.parse({ datasetId, kind, config, weight }))).evaluator;
}

describe('model-based evaluators through the engine', () => {
  it('judges, marks duplicates and accepts the right distinct candidates', async () => {
    const datasetId = await seed();
    await add(datasetId, 'math-answer', {});
    const judge = await add(datasetId, 'llm-judge', { endpoint: 'judge' });
    const dedupe = await add(datasetId, 'dedupe', {}, 0);
    await updatePolicy(updatePolicySchema.parse({ datasetId, topK: '0' }));
    await judgeNow(datasetId);

    const { rows } = await pgPool().query<{ prompt: string; k: number; id: number; dup: number | null; verdict: string; reason: string; jv: number | null; jr: string | null; je: string | null; dr: string }>(
      `SELECT p.external_id AS prompt, c.sample_index AS k, c.id, c.duplicate_of_id AS dup, c.auto_verdict::text AS verdict, c.verdict_reason AS reason,
              j.value AS jv, j.rationale AS jr, j.error AS je, d.rationale AS dr
       FROM candidates c JOIN prompts p ON p.id = c.prompt_id
       LEFT JOIN scores j ON j.candidate_id = c.id AND j.evaluator_id = $2
       LEFT JOIN scores d ON d.candidate_id = c.id AND d.evaluator_id = $3
       WHERE c.dataset_id = $1 ORDER BY p.id, c.sample_index`,
      [datasetId, judge.id, dedupe.id],
    );
    expect(rows).toHaveLength(PROMPTS * 4);
    expect(fake.stats().outcomes.ok).toBe(PROMPTS * 4);
    for (let i = 0; i < PROMPTS; i++) {
      const [a, b, wrong, other] = rows.slice(i * 4, i * 4 + 4);
      for (const r of [a, b, wrong, other]) {
        expect(r.je).toBeNull();
        expect(r.jr).toBeTruthy();
      }
      // The fake judge rates answers that match the shown reference high, others low.
      expect(a.jv!).toBeGreaterThan(wrong.jv!);
      expect(other.jv!).toBeGreaterThan(wrong.jv!);
      expect(b.dup).toBe(a.id);
      expect(b.dr).toBe(`exact duplicate of #${a.id}; answer ${2 * i} (3 of 4)`);
      expect([a.dup, wrong.dup, other.dup]).toEqual([null, null, null]);
      expect([a.verdict, b.verdict, wrong.verdict, other.verdict]).toEqual(['accepted', 'rejected', 'rejected', 'accepted']);
      expect(b.reason).toBe(`duplicate of candidate #${a.id}`);
      expect(wrong.reason).toMatch(/^failed gate math-answer/);
    }
  });

  it('records judge failures as errors, never as scores', async () => {
    const datasetId = await seed();
    fake.setOptions({ responder: () => 'I am not able to rate this.' });
    try {
      const judge = await add(datasetId, 'llm-judge', { endpoint: 'judge', structuredOutput: false });
      await judgeNow(datasetId);
      const { rows } = await pgPool().query<{ value: number | null; error: string | null }>('SELECT value, error FROM scores WHERE evaluator_id = $1', [judge.id]);
      expect(rows).toHaveLength(PROMPTS * 4);
      expect(rows.every((r) => r.value === null && /refused/.test(r.error ?? ''))).toBe(true);
    } finally {
      fake.setOptions({ responder: null });
    }
  });
});
