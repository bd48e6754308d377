import 'server-only';
import path from 'node:path';
import { prisma } from '../db/client';
import { judgeNow } from '../evaluation/judge/judge-now';
import { addEvaluator } from '../evaluation/manage-evaluators';
import { importFile } from '../import/import-file';

export const DEMO_DATASET = 'gsm8k-demo';
const DEMO_FILE = path.join(process.cwd(), 'prisma', 'seed', 'gsm8k-demo.jsonl');
const SETTING = 'demo_seeded';

/**
 * Loads the GSM8K demo dataset once per database (WINNOW_DEMO=0 skips it). Once loaded, it is not
 * loaded again even if the user deletes it.
 */
export async function seedDemo({ log = (_l: string) => {} } = {}) {
  if (process.env.WINNOW_DEMO === '0') return;
  if (await prisma.appSetting.findUnique({ where: { key: SETTING } })) return;
  const result = await importFile({
    datasetName: DEMO_DATASET,
    filePath: DEMO_FILE,
    description: 'GSM8K grade-school math: 250 problems, each with 4 real GPT-3 solutions (OpenAI, MIT licence).',
  });
  if (!result.ok) {
    throw new Error(`Demo dataset failed to import: ${result.errors.map((e) => `${e.file}:${e.line} ${e.message}`).join('; ')}`);
  }
  // A math-answer gate, judged right away (1,000 candidates, well under a second), so the demo shows
  // verdicts and reasons out of the box.
  const dataset = await prisma.dataset.findUniqueOrThrow({ where: { name: DEMO_DATASET }, select: { id: true } });
  await addEvaluator({ datasetId: dataset.id, kind: 'math-answer', weight: 1, config: {} });
  const judged = await judgeNow(dataset.id);
  await prisma.appSetting.create({ data: { key: SETTING, value: { at: new Date().toISOString() } } });
  log(`Loaded demo dataset "${DEMO_DATASET}": ${result.prompts} prompts, ${result.candidates} candidates, ${judged.scored} judged by math-answer.`);
}
