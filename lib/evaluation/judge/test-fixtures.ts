// Builders for the judge integration tests (not a test file itself).
import { prisma } from '../../db/client';
import { hashContent } from '../../candidates/hash-content';

/**
 * A dataset of `prompts` GSM8K-style prompts (reference "#### <2i>") with one import run and the
 * given candidate texts per prompt (a function of the prompt index and the correct answer).
 */
export async function seedJudgeDataset(name: string, prompts: number, candidates: (i: number, answer: number) => string[]) {
  const ds = await prisma.dataset.create({ data: { name } });
  const run = await prisma.generationRun.create({ data: { datasetId: ds.id, kind: 'import', status: 'completed', model: 'test-model' } });
  for (let i = 0; i < prompts; i++) {
    const text = `Question ${i}: what is ${i} + ${i}?`;
    const p = await prisma.prompt.create({
      data: { datasetId: ds.id, externalId: `q${i}`, messages: [{ role: 'user', content: text }], searchText: text, reference: `${i} + ${i} = ${2 * i}\n#### ${2 * i}` },
    });
    const texts = candidates(i, 2 * i);
    await prisma.candidate.createMany({
      data: texts.map((content, k) => ({ datasetId: ds.id, promptId: p.id, runId: run.id, sampleIndex: k, content, contentHash: hashContent(content) })),
    });
  }
  return ds.id;
}
