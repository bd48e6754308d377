import 'server-only';
// Test/seed helper: re-derives a dataset's auto verdicts with the policy core and stores them, with
// final_status = the curator's decision if any, else the auto verdict. Holds the whole dataset in
// memory: for tests and fixtures only (the evaluation lane owns the production re-derivation).
import { prisma } from '../../db/client';
import { pgPool } from '../../db/pool';
import { deriveDataset, parsePolicy, preparePolicy, type CandidateRow, type PolicyScore } from '../../evaluation/policy';

export async function storeVerdicts(datasetId: number): Promise<void> {
  const dataset = await prisma.dataset.findUniqueOrThrow({ where: { id: datasetId }, select: { policy: true } });
  const evaluators = await prisma.evaluator.findMany({ where: { datasetId }, orderBy: { id: 'asc' } });
  const plan = preparePolicy(
    parsePolicy(dataset.policy),
    evaluators.map((e) => ({ id: e.id, name: e.name, role: e.role, weight: e.weight, kind: e.kind })),
  );
  const candidates = await prisma.candidate.findMany({
    where: { datasetId },
    orderBy: [{ promptId: 'asc' }, { id: 'asc' }],
    select: { id: true, promptId: true, runId: true, sampleIndex: true, contentHash: true, duplicateOfId: true, scores: true },
  });
  const rows: CandidateRow[] = candidates.map((c) => ({
    id: c.id,
    promptId: c.promptId,
    runId: c.runId,
    sampleIndex: c.sampleIndex,
    contentHash: c.contentHash,
    duplicateOfId: c.duplicateOfId,
    scores: new Map<number, PolicyScore>(c.scores.map((s) => [s.evaluatorId, { value: s.value, passed: s.passed, rationale: s.rationale, error: s.error }])),
  }));
  const ids: number[] = [];
  const aggregates: (number | null)[] = [];
  const verdicts: string[] = [];
  const reasons: string[] = [];
  const ranks: number[] = [];
  const pIds: number[] = [];
  const pAccepted: number[] = [];
  const pTop: (number | null)[] = [];
  const pMargin: (number | null)[] = [];
  const pFlags: string[] = [];
  for (const o of deriveDataset(plan, rows)) {
    for (const c of o.candidates) {
      ids.push(c.id);
      aggregates.push(c.aggregate);
      verdicts.push(c.autoVerdict);
      reasons.push(c.reason);
      ranks.push(c.rank);
    }
    pIds.push(o.promptId);
    pAccepted.push(o.prompt.acceptedCount);
    pTop.push(o.prompt.topScore);
    pMargin.push(o.prompt.margin);
    pFlags.push(JSON.stringify(o.prompt.flags));
  }
  const pool = pgPool();
  await pool.query(
    `UPDATE candidates c SET aggregate = u.aggregate, auto_verdict = u.verdict::"AutoVerdict", verdict_reason = u.reason, rank = u.rank,
            final_status = coalesce((SELECT d.verdict::text FROM decisions d WHERE d.candidate_id = c.id), u.verdict)::"FinalStatus"
       FROM unnest($1::int[], $2::float8[], $3::text[], $4::text[], $5::int[]) AS u(id, aggregate, verdict, reason, rank)
      WHERE c.id = u.id`,
    [ids, aggregates, verdicts, reasons, ranks],
  );
  await pool.query(
    `UPDATE prompts p SET accepted_count = u.accepted, top_score = u.top, margin = u.margin,
            flags = ARRAY(SELECT jsonb_array_elements_text(u.flags::jsonb))
       FROM unnest($1::int[], $2::int[], $3::float8[], $4::float8[], $5::text[]) AS u(id, accepted, top, margin, flags)
      WHERE p.id = u.id`,
    [pIds, pAccepted, pTop, pMargin, pFlags],
  );
}
