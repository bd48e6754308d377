import 'server-only';
import type pg from 'pg';
import type { EvalResult } from '../evaluators/types';

// PostgreSQL text and jsonb cannot hold NUL characters; model output sometimes does.
const clean = (s: string | null | undefined) => (s == null ? null : s.replace(/\u0000/g, ''));

function rawJson(r: EvalResult): string | null {
  let raw = r.raw;
  if (r.pairwiseInconsistent) raw = raw && typeof raw === 'object' && !Array.isArray(raw) ? { ...raw, pairwiseInconsistent: true } : { value: raw ?? null, pairwiseInconsistent: true };
  if (raw === undefined || raw === null) return null;
  return JSON.stringify(raw).replace(/\\u0000/g, '');
}

/**
 * Upserts one evaluator's results keyed by (candidate, evaluator): a retried job overwrites, never
 * duplicates. Results for candidates deleted meanwhile are skipped. Writes duplicate_of_id for
 * results that carry one (dedupe). Returns the number of rows written.
 */
export async function writeScores(tx: pg.ClientBase, evaluatorId: number, results: EvalResult[]): Promise<number> {
  if (!results.length) return 0;
  const { rowCount } = await tx.query(
    `INSERT INTO scores (candidate_id, evaluator_id, value, passed, rationale, raw, error, raw_value)
     SELECT v.cid, $1, v.value, v.passed, v.rationale, v.raw, v.error, v.raw_value
     FROM unnest($2::int[], $3::float8[], $4::bool[], $5::text[], $6::jsonb[], $7::text[], $8::float8[]) AS v(cid, value, passed, rationale, raw, error, raw_value)
     WHERE EXISTS (SELECT 1 FROM candidates c WHERE c.id = v.cid)
     ON CONFLICT (candidate_id, evaluator_id) DO UPDATE
       SET value = excluded.value, passed = excluded.passed, rationale = excluded.rationale, raw = excluded.raw, error = excluded.error, raw_value = excluded.raw_value, created_at = now()`,
    [
      evaluatorId,
      results.map((r) => r.candidateId),
      results.map((r) => (r.error != null ? null : r.value)),
      results.map((r) => (r.error != null ? null : r.passed)),
      results.map((r) => clean(r.rationale)),
      results.map(rawJson),
      results.map((r) => clean(r.error)),
      results.map((r) => (typeof r.rawValue === 'number' && Number.isFinite(r.rawValue) ? r.rawValue : null)),
    ],
  );
  const dups = results.filter((r) => r.duplicateOfId !== undefined);
  if (dups.length) {
    await tx.query(
      `UPDATE candidates c SET duplicate_of_id = v.dup FROM unnest($1::int[], $2::int[]) AS v(id, dup)
       WHERE c.id = v.id AND c.duplicate_of_id IS DISTINCT FROM v.dup`,
      [dups.map((r) => r.candidateId), dups.map((r) => r.duplicateOfId ?? null)],
    );
  }
  return rowCount ?? 0;
}

/**
 * What the engine stores for a result: an error never carries a value, a value must be a finite
 * number in 0..1 (anything else is recorded as an evaluator error, never as a score).
 */
export function sanitizeResult(r: EvalResult): EvalResult {
  if (r.error != null) return { ...r, value: null, passed: null };
  if (r.value !== null && (typeof r.value !== 'number' || !Number.isFinite(r.value) || r.value < 0 || r.value > 1)) {
    return { ...r, value: null, passed: null, error: `the evaluator returned an invalid score ${String(r.value)} (must be 0..1)` };
  }
  return r;
}
