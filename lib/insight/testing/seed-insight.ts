import 'server-only';
// Fixture for Insight tests, the e2e spec and screenshots: the GSM8K demo file imported under a new
// name, a real `math-answer` gate (scores from verifyMathAnswer), optionally a synthetic LLM-judge
// score, verdicts derived by the policy core, and curator decisions on the first prompts.
import path from 'node:path';
import { prisma } from '../../db/client';
import { pgPool } from '../../db/pool';
import { verifyMathAnswer } from '../../evaluation/math-answer/verify-math-answer';
import { importFile } from '../../import/import-file';
import { storeVerdicts } from './store-verdicts';

export const DEMO_FILE = path.join(process.cwd(), 'prisma', 'seed', 'gsm8k-demo.jsonl');

export interface SeedOptions {
  name: string;
  policy?: { threshold?: number; topK?: number; gates?: string[] | "all" };
  /** Add a synthetic llm-judge score evaluator "judge". */
  judge?: boolean;
  /** Curators review every candidate of the first this many prompts (by external id). */
  reviewPrompts?: number;
  /** Give candidates tokens and a price (per model), as if generated. */
  costs?: boolean;
}

/** Deterministic 0..1 from an integer. */
export function unit(i: number): number {
  let x = (i * 2654435761) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) >>> 0;
  return (x >>> 8) / 0x1000000;
}

/** The synthetic judge: likes correct answers, but not reliably. */
export const judgeValue = (key: number, correct: boolean) => Math.round((correct ? 0.35 + 0.6 * unit(key) : 0.05 + 0.6 * unit(key + 7919)) * 1000) / 1000;

const PRICE: Record<string, number> = { '6b_finetuning': 0.2, '6b_verification': 0.2, '175b_finetuning': 2, '175b_verification': 2 };

export async function seedInsightDataset(opts: SeedOptions): Promise<{ datasetId: number }> {
  const imported = await importFile({ datasetName: opts.name, filePath: DEMO_FILE });
  if (!imported.ok) throw new Error(`import failed: ${JSON.stringify(imported.errors.slice(0, 2))}`);
  const dataset = await prisma.dataset.update({ where: { name: opts.name }, data: { policy: opts.policy ?? { topK: 1 } } });
  const math = await prisma.evaluator.create({ data: { datasetId: dataset.id, name: 'math-answer', kind: 'math-answer', role: 'gate' } });
  const judge = opts.judge ? await prisma.evaluator.create({ data: { datasetId: dataset.id, name: 'judge', kind: 'llm-judge', role: 'score' } }) : null;

  const candidates = await prisma.candidate.findMany({
    where: { datasetId: dataset.id },
    select: { id: true, content: true, model: true, sampleIndex: true, prompt: { select: { reference: true, externalId: true } } },
    orderBy: { id: 'asc' },
  });
  const cIds: number[] = [];
  const eIds: number[] = [];
  const values: number[] = [];
  const passed: (boolean | null)[] = [];
  const rationales: (string | null)[] = [];
  const raws: (string | null)[] = [];
  const correctById = new Map<number, boolean>();
  // Synthetic values depend on the prompt and sample, never on database ids: the same in every database.
  const keyById = new Map<number, number>();
  for (const c of candidates) {
    const key = Number(c.prompt.externalId.replace(/\D/g, '')) * 8 + c.sampleIndex;
    keyById.set(c.id, key);
    const v = verifyMathAnswer(c.content, String(c.prompt.reference ?? ''));
    correctById.set(c.id, v.passed);
    const add = (evaluatorId: number, value: number, pass: boolean | null, rationale: string | null, raw: string | null) => {
      cIds.push(c.id);
      eIds.push(evaluatorId);
      values.push(value);
      passed.push(pass);
      rationales.push(rationale);
      raws.push(raw);
    };
    add(math.id, v.passed ? 1 : 0, v.passed, v.reason, null);
    if (judge) {
      const j = judgeValue(key, v.passed);
      const samples = [j, Math.min(1, j + 0.1 * unit(key + 3)), Math.max(0, j - 0.1 * unit(key + 5))];
      add(judge.id, j, null, null, JSON.stringify({ samples }));
    }
  }
  const pool = pgPool();
  await pool.query(
    `INSERT INTO scores (candidate_id, evaluator_id, value, passed, rationale, raw)
     SELECT * FROM unnest($1::int[], $2::int[], $3::float8[], $4::bool[], $5::text[], $6::jsonb[])`,
    [cIds, eIds, values, passed, rationales, raws],
  );
  if (opts.costs) {
    for (const [model, price] of Object.entries(PRICE)) {
      await pool.query(
        `UPDATE candidates SET prompt_tokens = 120, completion_tokens = length(content) / 4,
                cost_usd = (120 + length(content) / 4) * $3::float8 / 1e6
          WHERE dataset_id = $1 AND model = $2`,
        [dataset.id, model, price],
      );
    }
  }
  if (opts.reviewPrompts) {
    const reviewer = await prisma.user.upsert({ where: { email: 'insight-curator@winnow.test' }, create: { email: 'insight-curator@winnow.test', role: 'curator' }, update: {} });
    const reviewed = await prisma.candidate.findMany({
      where: { datasetId: dataset.id, prompt: { externalId: { lte: `gsm8k-test-${String(opts.reviewPrompts).padStart(4, '0')}` } } },
      select: { id: true },
    });
    // Curators mostly follow correctness, with an occasional judgement call the other way.
    await prisma.decision.createMany({
      data: reviewed.map((c) => {
        const correct = correctById.get(c.id) ?? false;
        const flip = unit((keyById.get(c.id) ?? c.id) + 101) < 0.06;
        return { candidateId: c.id, verdict: correct !== flip ? 'approved' : 'rejected', reviewerId: reviewer.id };
      }),
    });
  }
  await storeVerdicts(dataset.id);
  return { datasetId: dataset.id };
}
