import 'server-only';
// After a raw export has been imported: write its statuses, scores and decisions back onto the new
// candidates (matched by prompt external id and position = sample_index of the import), in batches,
// inside the caller's transaction.
import type pg from 'pg';
import type { RestoreItem } from './raw-line';

export type RestoreCounts = { statuses: number; scores: number; decisions: number };

export async function ensureEvaluators(client: pg.PoolClient, datasetId: number, evaluators: { name: string; kind?: string; role?: string; weight?: number; config?: unknown }[]) {
  if (!evaluators.length) return;
  await client.query(
    `INSERT INTO evaluators (dataset_id, name, kind, role, weight, config, updated_at)
     SELECT $1, e.name, coalesce(e.kind, 'imported'), coalesce(e.role, 'score')::"EvaluatorRole", coalesce(e.weight, 1), coalesce(e.config, '{}'::jsonb), now()
       FROM jsonb_to_recordset($2::jsonb) AS e(name text, kind text, role text, weight float8, config jsonb)
     ON CONFLICT (dataset_id, name) DO UPDATE SET kind = EXCLUDED.kind, role = EXCLUDED.role, weight = EXCLUDED.weight, config = EXCLUDED.config`,
    [datasetId, JSON.stringify(evaluators)],
  );
}

export async function restoreBatch(client: pg.PoolClient, datasetId: number, items: RestoreItem[]): Promise<RestoreCounts> {
  const counts: RestoreCounts = { statuses: 0, scores: 0, decisions: 0 };
  if (!items.length) return counts;
  // Candidate ids of the batch, by (external id, position).
  const { rows } = await client.query<{ i: number; id: number }>(
    `SELECT t.i, c.id FROM unnest($2::text[], $3::int[]) WITH ORDINALITY AS t(ext, pos, i)
       JOIN prompts p ON p.dataset_id = $1 AND p.external_id = t.ext
       JOIN candidates c ON c.prompt_id = p.id AND c.sample_index = t.pos`,
    [datasetId, items.map((r) => r.externalId), items.map((r) => r.position)],
  );
  const ids: number[] = new Array(items.length);
  for (const r of rows) ids[Number(r.i) - 1] = r.id;
  const missing = items.findIndex((_, k) => ids[k] === undefined);
  if (missing >= 0) throw new Error(`candidate ${items[missing].position} of prompt "${items[missing].externalId}" was not imported`);

  const upd = await client.query(
    `UPDATE candidates c SET aggregate = t.aggregate, auto_verdict = t.auto::"AutoVerdict", final_status = t.final::"FinalStatus", rank = t.rank
       FROM unnest($1::int[], $2::float8[], $3::text[], $4::text[], $5::int[]) AS t(id, aggregate, auto, final, rank)
      WHERE c.id = t.id`,
    [ids, items.map((r) => r.aggregate), items.map((r) => r.autoVerdict), items.map((r) => r.finalStatus), items.map((r) => r.rank)],
  );
  counts.statuses = upd.rowCount ?? 0;

  const withDecision = items.flatMap((r, k) => (r.decision ? [{ id: ids[k], ...r.decision }] : []));
  if (withDecision.length) {
    const ins = await client.query(
      `INSERT INTO decisions (candidate_id, verdict, reviewer_id, note, updated_at)
       SELECT t.id, t.verdict::"DecisionVerdict", u.id, t.note, now()
         FROM unnest($1::int[], $2::text[], $3::text[], $4::text[]) AS t(id, verdict, reviewer, note)
         LEFT JOIN users u ON u.email = t.reviewer
       ON CONFLICT (candidate_id) DO UPDATE SET verdict = EXCLUDED.verdict, reviewer_id = EXCLUDED.reviewer_id, note = EXCLUDED.note`,
      [withDecision.map((d) => d.id), withDecision.map((d) => d.verdict), withDecision.map((d) => d.reviewer), withDecision.map((d) => d.note)],
    );
    counts.decisions = ins.rowCount ?? 0;
  }

  const scores = items.flatMap((r, k) => Object.entries(r.scores).map(([name, s]) => ({ id: ids[k], name, ...s })));
  if (scores.length) {
    const ins = await client.query(
      `INSERT INTO scores (candidate_id, evaluator_id, value, passed, rationale, error)
       SELECT t.id, e.id, t.value, t.passed, t.rationale, t.error
         FROM unnest($2::int[], $3::text[], $4::float8[], $5::bool[], $6::text[], $7::text[]) AS t(id, name, value, passed, rationale, error)
         JOIN evaluators e ON e.dataset_id = $1 AND e.name = t.name
       ON CONFLICT (candidate_id, evaluator_id) DO UPDATE SET value = EXCLUDED.value, passed = EXCLUDED.passed, rationale = EXCLUDED.rationale, error = EXCLUDED.error`,
      [datasetId, scores.map((s) => s.id), scores.map((s) => s.name), scores.map((s) => s.value), scores.map((s) => s.passed), scores.map((s) => s.rationale), scores.map((s) => s.error)],
    );
    counts.scores = ins.rowCount ?? 0;
  }
  return counts;
}
