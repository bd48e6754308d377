// A small dataset for the export integration tests: single- and multi-turn prompts (emoji, CJK, a
// system message), candidates in every status, a gate and a score evaluator, a curator decision.
import { prisma } from '../db/client';

export const EMOJI_CJK = 'Grüße 🙂👍🏽 你好世界 こんにちは';

export async function seedExportDataset(name = 'export-test') {
  const curator = await prisma.user.upsert({ where: { email: 'curator@winnow.test' }, create: { email: 'curator@winnow.test', role: 'curator' }, update: {} });
  const dataset = await prisma.dataset.create({ data: { name, policy: { gates: 'all', threshold: 0.5 } } });
  const run = await prisma.generationRun.create({ data: { datasetId: dataset.id, kind: 'generate', model: 'gen-1', params: { n: 4, temperature: 0.7 }, status: 'completed' } });
  const exact = await prisma.evaluator.create({ data: { datasetId: dataset.id, name: 'exact', kind: 'exact', role: 'gate', config: { field: 'reference' } } });
  const judge = await prisma.evaluator.create({ data: { datasetId: dataset.id, name: 'judge', kind: 'llm-judge', role: 'score', config: { rubric: 'be correct' } } });

  const prompts = [
    { externalId: 'q1', messages: [{ role: 'user', content: `Say hello ${EMOJI_CJK}` }] },
    { externalId: 'q2', messages: [{ role: 'system', content: 'Answer briefly.' }, { role: 'user', content: 'What is 6×7?' }] },
    {
      externalId: 'q3',
      messages: [
        { role: 'user', content: 'First question' },
        { role: 'assistant', content: 'First answer' },
        { role: 'user', content: 'And a follow-up?' },
      ],
    },
    { externalId: 'q4', messages: [{ role: 'user', content: 'Nothing good here' }] },
  ];
  // [content, aggregate, exact passed, auto verdict, decision]
  type Spec = [string, number | null, boolean, 'accepted' | 'rejected' | 'pending', 'approved' | 'rejected' | null];
  const specs: Record<string, Spec[]> = {
    q1: [
      [`Hello! ${EMOJI_CJK}`, 0.9, true, 'accepted', null],
      ['hi', 0.6, true, 'accepted', 'rejected'],
      ['Goodbye.', 0.2, false, 'rejected', null],
      ['Hey there 👋', 0.7, true, 'rejected', 'approved'],
    ],
    q2: [
      ['42', 0.95, true, 'accepted', 'approved'],
      ['41', 0.3, false, 'rejected', null],
      ['forty-two', 0.95, true, 'accepted', null],
      ['', null, false, 'pending', null],
    ],
    q3: [
      ['Follow-up answer 中文', 0.8, true, 'accepted', null],
      ['wrong', 0.1, false, 'rejected', null],
    ],
    q4: [['meh', 0.4, false, 'rejected', null]],
  };
  for (const p of prompts) {
    const prompt = await prisma.prompt.create({ data: { datasetId: dataset.id, externalId: p.externalId, messages: p.messages, searchText: '', reference: '42' } });
    for (const [k, [content, aggregate, passed, auto, decision]] of specs[p.externalId].entries()) {
      const finalStatus = decision ?? auto;
      const c = await prisma.candidate.create({
        data: { datasetId: dataset.id, promptId: prompt.id, runId: run.id, sampleIndex: k, content, model: 'gen-1', contentHash: `${p.externalId}-${k}`, aggregate, autoVerdict: auto, finalStatus, rank: k + 1 },
      });
      await prisma.score.create({ data: { candidateId: c.id, evaluatorId: exact.id, value: passed ? 1 : 0, passed, rationale: passed ? 'matches' : 'differs' } });
      if (aggregate !== null) await prisma.score.create({ data: { candidateId: c.id, evaluatorId: judge.id, value: aggregate, rationale: `judge says ${aggregate}` } });
      if (decision) await prisma.decision.create({ data: { candidateId: c.id, verdict: decision, reviewerId: curator.id, note: 'checked' } });
    }
  }
  return { datasetId: dataset.id, runId: run.id };
}
