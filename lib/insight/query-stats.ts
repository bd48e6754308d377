import 'server-only';
// The SQL behind the Insight page: every figure is aggregated in PostgreSQL (GROUP BY on a dataset's
// candidates), and only small grouped rows come back to JS. Queries run in parallel on the pool.
import { pgPool } from '../db/pool';
import { VERDICT_CLASS_SQL } from './verdict-class';

export interface ReviewedRow { auto: string; verdict: 'approved' | 'rejected'; cls: number; inTop: boolean; bin: number | null; n: number }
export interface EvaluatorReviewedRow { evaluatorId: number; bin: number | null; passed: boolean | null; verdict: 'approved' | 'rejected'; n: number }
export interface YieldRow { runId: number | null; firstPass: number | null; prompts: number; maxIndex: number }
export interface HistRow { evaluatorId: number; bin: number; status: 'accepted' | 'approved' | 'rejected' | 'pending'; count: number }
export interface EvaluatorRow { id: number; name: string; kind: string; role: string; weight: number; config: unknown }
export interface RunRow { id: number; kind: string; model: string | null; endpoint: string | null; costUsd: number; createdAt: Date; params: unknown }

/** Above this many score rows, histograms and judge spreads come from a block sample of the scores. */
export const SAMPLE_ABOVE = 50_000;

async function rows<T>(sql: string, params: unknown[]): Promise<T[]> {
  const started = performance.now();
  const out = (await pgPool().query(sql, params)).rows as T[];
  if (process.env.WINNOW_INSIGHT_PROFILE) process.stderr.write(`${(performance.now() - started).toFixed(0).padStart(6)} ms  ${sql.replace(/\s+/g, ' ').slice(0, 90)}\n`);
  return out;
}

export function queryReviewed(datasetId: number, topK: number) {
  return rows<ReviewedRow>(
    `SELECT c.auto_verdict::text AS auto, d.verdict::text AS verdict, ${VERDICT_CLASS_SQL} AS cls,
            (c.rank IS NOT NULL AND ($2::int = 0 OR c.rank <= $2::int)) AS "inTop",
            CASE WHEN c.aggregate IS NULL THEN NULL ELSE floor(c.aggregate * 1000 + 1e-6)::int END AS bin,
            count(*)::int AS n
       FROM decisions d CROSS JOIN LATERAL (SELECT * FROM candidates c WHERE c.id = d.candidate_id AND c.dataset_id = $1 OFFSET 0) c
      GROUP BY 1, 2, 3, 4, 5`,
    [datasetId, topK],
  );
}

export function queryEvaluatorReviewed(datasetId: number) {
  return rows<EvaluatorReviewedRow>(
    `SELECT s.evaluator_id AS "evaluatorId",
            CASE WHEN s.value IS NULL THEN NULL ELSE floor(s.value * 1000 + 1e-6)::int END AS bin,
            s.passed, d.verdict::text AS verdict, count(*)::int AS n
       FROM decisions d
       CROSS JOIN LATERAL (SELECT c.id FROM candidates c WHERE c.id = d.candidate_id AND c.dataset_id = $1 OFFSET 0) c
       CROSS JOIN LATERAL (SELECT * FROM scores s WHERE s.candidate_id = c.id AND s.error IS NULL OFFSET 0) s
      GROUP BY 1, 2, 3, 4`,
    [datasetId],
  );
}

/**
 * Per run (and, with runId null, over all runs), how many prompts have their first passing candidate
 * at each sample_index (firstPass null = none passes), from the stored sample order.
 */
export function queryYield(datasetId: number) {
  return rows<YieldRow>(
    `WITH p AS (
       SELECT c.run_id, c.prompt_id, min(c.sample_index) FILTER (WHERE ${VERDICT_CLASS_SQL} = 1) AS first_pass,
              max(c.sample_index) AS max_index
         FROM candidates c WHERE c.dataset_id = $1
        GROUP BY c.run_id, c.prompt_id)
     SELECT run_id AS "runId", first_pass AS "firstPass", count(*)::int AS prompts, max(max_index)::int AS "maxIndex"
       FROM p GROUP BY 1, 2
     UNION ALL
     SELECT NULL, fp, count(*)::int, max(mi)::int
       FROM (SELECT prompt_id, min(first_pass) AS fp, max(max_index) AS mi FROM p GROUP BY prompt_id) q
      GROUP BY 2`,
    [datasetId],
  );
}

export interface CandidateGroupRow {
  runId: number;
  model: string | null;
  status: 'pending' | 'accepted' | 'rejected' | 'approved';
  /** Aggregate bin of a candidate the threshold decides (passed gates, within top-k), else null. */
  bin: number | null;
  reviewed: boolean;
  n: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  costed: number;
}

/**
 * One pass over a dataset's candidates: counts, tokens and cost per run, model and final status, and
 * the aggregate bins of the candidates whose verdict the threshold decides (split reviewed or not).
 */
export function queryCandidateGroups(datasetId: number, topK: number) {
  return rows<CandidateGroupRow>(
    `SELECT c.run_id AS "runId", c.model, c.final_status::text AS status,
            CASE WHEN c.aggregate IS NOT NULL AND ($2::int = 0 OR c.rank <= $2::int) AND ${VERDICT_CLASS_SQL} IN (1, 2)
                 THEN floor(c.aggregate * 1000 + 1e-6)::int END AS bin,
            c.id IN (SELECT candidate_id FROM decisions) AS reviewed,
            count(*)::int AS n,
            coalesce(sum(c.prompt_tokens), 0)::float8 AS "promptTokens",
            coalesce(sum(c.completion_tokens), 0)::float8 AS "completionTokens",
            coalesce(sum(c.cost_usd), 0)::float8 AS "costUsd",
            count(c.cost_usd)::int AS costed
       FROM candidates c WHERE c.dataset_id = $1
      GROUP BY 1, 2, 3, 4, 5`,
    [datasetId, topK],
  );
}

export async function queryCandidateCount(datasetId: number): Promise<number> {
  const [r] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM candidates WHERE dataset_id = $1`, [datasetId]);
  return r?.n ?? 0;
}

export function queryEvaluators(datasetId: number) {
  return rows<EvaluatorRow>(
    `SELECT id, name, kind, role::text AS role, weight, config FROM evaluators WHERE dataset_id = $1 ORDER BY id`,
    [datasetId],
  );
}

export function queryRuns(datasetId: number) {
  return rows<RunRow>(
    `SELECT r.id, r.kind::text AS kind, r.model, e.name AS endpoint, r.cost_usd AS "costUsd", r.created_at AS "createdAt", r.params
       FROM generation_runs r LEFT JOIN endpoints e ON e.id = r.endpoint_id
      WHERE r.dataset_id = $1 ORDER BY r.id`,
    [datasetId],
  );
}

export async function queryPromptFlags(datasetId: number) {
  const [r] = await rows<{ inconsistent: number; prompts: number }>(
    `SELECT count(*) FILTER (WHERE 'pairwise-inconsistent' = ANY(flags))::int AS inconsistent, count(*)::int AS prompts
       FROM prompts WHERE dataset_id = $1`,
    [datasetId],
  );
  return r;
}

/** Share of the scores table to read so that about SAMPLE_ABOVE rows come back (100 = all). */
async function samplePercent(expectedRows: number): Promise<number> {
  if (expectedRows <= SAMPLE_ABOVE) return 100;
  const [r] = await rows<{ n: number }>(`SELECT greatest(reltuples, 0)::float8 AS n FROM pg_class WHERE oid = 'scores'::regclass`, []);
  const tableRows = Math.max(r?.n ?? 0, expectedRows);
  return Math.min(100, Math.max(0.01, (100 * SAMPLE_ABOVE) / tableRows));
}

/** Score histograms by final status; exact below SAMPLE_ABOVE score rows, else from a block sample. */
export async function queryHistograms(evaluatorIds: number[], expectedRows: number) {
  if (!evaluatorIds.length) return { rows: [] as HistRow[], percent: 100 };
  const percent = await samplePercent(expectedRows);
  const from = percent >= 100 ? 'scores s' : `scores s TABLESAMPLE SYSTEM (${percent.toFixed(4)}) REPEATABLE (7)`;
  const out = await rows<HistRow>(
    `SELECT s.evaluator_id AS "evaluatorId", least(9, floor(s.value * 10 + 1e-9))::int AS bin, c.final_status::text AS status, count(*)::int AS count
       FROM ${from} JOIN candidates c ON c.id = s.candidate_id
      WHERE s.evaluator_id = ANY($1::int[]) AND s.value IS NOT NULL AND s.error IS NULL
      GROUP BY 1, 2, 3`,
    [evaluatorIds],
  );
  return { rows: out, percent };
}

/** Spreads (max − min) of repeated judgments kept in Score.raw, for judge evaluators. */
export async function queryJudgeSpreads(evaluatorIds: number[], expectedRows: number) {
  if (!evaluatorIds.length) return [] as number[];
  const percent = await samplePercent(expectedRows);
  const from = percent >= 100 ? 'scores s' : `scores s TABLESAMPLE SYSTEM (${percent.toFixed(4)}) REPEATABLE (7)`;
  const out = await rows<{ spread: number }>(
    `SELECT max(v) - min(v) AS spread FROM (
       SELECT s.id, (CASE WHEN jsonb_typeof(x) = 'number' THEN x::text::float8
                          WHEN jsonb_typeof(x -> 'value') = 'number' THEN (x ->> 'value')::float8 END) AS v
         FROM ${from}
         CROSS JOIN LATERAL jsonb_array_elements(
           CASE WHEN jsonb_typeof(s.raw -> 'samples') = 'array' THEN s.raw -> 'samples'
                WHEN jsonb_typeof(s.raw -> 'scores') = 'array' THEN s.raw -> 'scores'
                WHEN jsonb_typeof(s.raw -> 'repeats') = 'array' THEN s.raw -> 'repeats'
                WHEN jsonb_typeof(s.raw -> 'values') = 'array' THEN s.raw -> 'values'
                ELSE '[]'::jsonb END) AS x
        WHERE s.evaluator_id = ANY($1::int[]) AND s.raw IS NOT NULL) t
      WHERE v IS NOT NULL GROUP BY id HAVING count(*) >= 2`,
    [evaluatorIds],
  );
  return out.map((r) => r.spread);
}
