// Insight against real PostgreSQL, on the GSM8K demo file (250 problems × 4 real GPT-3 solutions with
// is_correct labels): scores from the real math-answer verifier, verdicts from the policy core.
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../db/client';
import { resetDatabase } from '../testing/reset-database';
import { EMPTY_CONFUSION, tally } from './agreement';
import { applyThreshold } from './apply-threshold';
import { getDatasetStats } from './get-dataset-stats';
import { statsJson } from './stats-json';
import { DEMO_FILE, seedInsightDataset } from './testing/seed-insight';
import { yieldFromLabels } from './yield-by-n';

type DemoRow = { id: string; metadata: { is_correct: Record<string, boolean> }; candidates: { model: string }[] };
const demo: DemoRow[] = fs.readFileSync(DEMO_FILE, 'utf8').trim().split('\n').map((l) => JSON.parse(l));

async function stats(datasetId: number, targetPrecision?: number) {
  const d = await prisma.dataset.findUniqueOrThrow({ where: { id: datasetId } });
  return getDatasetStats(datasetId, { policy: d.policy, targetPrecision });
}

beforeAll(async () => {
  await resetDatabase();
});

describe('yield by N on GSM8K (math-answer gate, top-1)', () => {
  it('equals the curve computed directly from the is_correct labels', async () => {
    const { datasetId } = await seedInsightDataset({ name: 'gsm8k-yield', policy: { topK: 1 } });
    const s = await stats(datasetId);
    // Labels in the stored sample order: the import keeps the file's candidate order as sample_index.
    const expected = yieldFromLabels(demo.map((r) => r.candidates.map((c) => r.metadata.is_correct[c.model])));
    expect(expected.map((p) => p.k)).toEqual([1, 2, 3, 4]);
    expect(s.yieldByN.overall).toEqual(expected);
    expect(s.yieldByN.runs).toHaveLength(1);
    expect(s.yieldByN.runs[0].points).toEqual(expected);
    // Not a flat line: more samples find more solvable problems.
    expect(expected[3].share).toBeGreaterThan(expected[0].share);
    // Top-1: exactly one accepted candidate per prompt with any correct solution.
    expect(s.counts.byStatus.accepted).toBe(expected[3].prompts);
    expect(statsJson('gsm8k-yield', s).yield_by_n).toEqual(expected.map((p) => p.share));
    // Nothing reviewed yet: agreement is empty, no suggestion.
    expect(s.agreement.n).toBe(0);
    expect(s.threshold).toBeNull();
  });
});

describe('agreement, threshold suggestion and cost with seeded decisions', () => {
  let datasetId: number;
  beforeAll(async () => {
    ({ datasetId } = await seedInsightDataset({ name: 'gsm8k-judged', judge: true, reviewPrompts: 100, costs: true, policy: { topK: 1, threshold: 0.5 } }));
  });

  it('the confusion matrix counts auto verdict against decision for every reviewed candidate', async () => {
    const s = await stats(datasetId);
    const reviewed = await prisma.candidate.findMany({ where: { datasetId, decision: { isNot: null } }, select: { autoVerdict: true, decision: { select: { verdict: true } } } });
    expect(reviewed.length).toBe(400);
    let c = EMPTY_CONFUSION;
    for (const r of reviewed) if (r.autoVerdict !== 'pending') c = tally(c, r.autoVerdict === 'accepted', r.decision!.verdict === 'approved');
    expect(s.agreement.confusion).toEqual(c);
    expect(s.agreement.n).toBe(400);
    expect(s.counts.reviewed).toBe(400);
    expect(s.agreement.kappa).not.toBeNull();
    expect(s.agreement.kappaCi!.low).toBeLessThan(s.agreement.kappa!);
    // Per evaluator: the math gate agrees with curators except for their judgement calls.
    const math = s.perEvaluator.find((e) => e.name === 'math-answer')!;
    expect(math.agreement.n).toBe(400);
    expect(math.agreement.accuracy!).toBeGreaterThan(0.9);
    // Reliability of the aggregate (the judge): higher deciles are approved more often.
    const rel = s.reliability.aggregate.filter((p) => p.total > 0);
    expect(rel.at(-1)!.rate!).toBeGreaterThan(rel[0].rate!);
  });

  it('the suggestion’s “would accept / reject” is what re-deriving with it actually changes', async () => {
    const s = await stats(datasetId);
    const t = s.threshold!;
    expect(t).not.toBeNull();
    expect(t.threshold).not.toBe(0.5);
    const before = await prisma.candidate.findMany({ where: { datasetId, decision: null }, select: { id: true, autoVerdict: true } });
    // Apply it the way the page's button does: policy update + the evaluation lane's re-derivation.
    expect(await applyThreshold({ datasetId, threshold: t.threshold })).toMatchObject({ ok: true, threshold: t.threshold, changed: expect.any(Number) });
    expect((await prisma.dataset.findUniqueOrThrow({ where: { id: datasetId } })).policy).toMatchObject({ threshold: t.threshold, topK: 1 });
    const after = new Map((await prisma.candidate.findMany({ where: { datasetId, decision: null }, select: { id: true, autoVerdict: true } })).map((c) => [c.id, c.autoVerdict]));
    let accepted = 0;
    let rejected = 0;
    for (const c of before) {
      const now = after.get(c.id);
      if (c.autoVerdict !== 'accepted' && now === 'accepted') accepted++;
      if (c.autoVerdict === 'accepted' && now !== 'accepted') rejected++;
    }
    expect({ accepted, rejected }).toEqual({ accepted: t.wouldAccept, rejected: t.wouldReject });
    expect(accepted + rejected).toBeGreaterThan(0);
    console.log(`suggested ${t.threshold} (from 0.5): κ ${t.atCurrent.kappa?.toFixed(3)} → ${t.suggested.kappa?.toFixed(3)}, would accept ${t.wouldAccept}, reject ${t.wouldReject}`);
    // And the reviewed sample now agrees as predicted.
    const s2 = await stats(datasetId);
    expect(s2.agreement.confusion).toEqual(t.suggested.confusion);
    expect(s2.threshold!.threshold).toBe(t.threshold);
    expect(s2.threshold!.wouldAccept + s2.threshold!.wouldReject).toBe(0);
  });

  it('a target precision gives a threshold whose auto-accepts reach it', async () => {
    const s = await stats(datasetId, 0.95);
    expect(s.threshold?.mode).toBe('precision');
    expect(s.threshold!.suggested.precision!).toBeGreaterThanOrEqual(0.95);
  });

  it('cost, accepted per dollar, histograms and judge spread', async () => {
    const s = await stats(datasetId);
    const agg = await prisma.candidate.aggregate({ where: { datasetId }, _sum: { costUsd: true } });
    const accepted = await prisma.candidate.count({ where: { datasetId, finalStatus: { in: ['accepted', 'approved'] } } });
    expect(s.cost.total.costUsd).toBeCloseTo(agg._sum.costUsd!, 9);
    expect(s.cost.total.accepted).toBe(accepted);
    expect(s.cost.total.acceptedPerDollar).toBeCloseTo(accepted / agg._sum.costUsd!, 6);
    expect(s.cost.models.map((m) => m.key).sort()).toEqual(['175b_finetuning', '175b_verification', '6b_finetuning', '6b_verification']);
    const cheap = s.cost.models.find((m) => m.key === '6b_finetuning')!;
    expect(cheap.candidates).toBe(250);
    const judge = s.histograms.evaluators.find((h) => h.name === 'judge')!;
    expect(judge.total).toBe(1000);
    expect(s.histograms.sampledPercent).toBe(100);
    expect(s.consistency.repeated.scores).toBe(1000);
    expect(s.consistency.repeated.meanSpread!).toBeGreaterThan(0);
    const json = statsJson('gsm8k-judged', s);
    expect(Object.keys(json.agreement)).toEqual(expect.arrayContaining(['kappa', 'accuracy', 'precision', 'recall', 'n']));
    expect(json.accepted_per_dollar).toBe(s.cost.total.acceptedPerDollar);
  });
});
