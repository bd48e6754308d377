import 'server-only';
// The heavy Insight figures recomputed from the base tables, in the shapes of the summary reads: the
// reference the maintained summaries must equal (tests), and `winnow stats --recompute`. Passes over
// every candidate and score of the dataset: seconds at a million candidates. A dataset's candidates are
// reached through its prompts (candidates.dataset_id has no index), like insight_rebuild does.
import type { BinRow, CostCellRow, EvaluatorReviewedRow, HistRow, ReviewedRow, SpreadRow, StatsSource, YieldRow } from './query-types';
import { timedRows as rows } from './query-types';
import { VERDICT_CLASS_SQL } from './verdict-class';

export const baseSource: StatsSource = {
  reviewed: (datasetId, topK) =>
    rows<ReviewedRow>(
      `SELECT c.auto_verdict::text AS auto, d.verdict::text AS verdict, ${VERDICT_CLASS_SQL} AS cls,
              (c.rank IS NOT NULL AND ($2::int = 0 OR c.rank <= $2::int)) AS "inTop",
              CASE WHEN c.aggregate IS NULL THEN NULL ELSE floor(c.aggregate * 1000 + 1e-6)::int END AS bin,
              count(*)::float8 AS n
         FROM decisions d CROSS JOIN LATERAL (SELECT * FROM candidates c WHERE c.id = d.candidate_id AND c.dataset_id = $1 OFFSET 0) c
        GROUP BY 1, 2, 3, 4, 5`,
      [datasetId, topK],
    ),
  evaluatorReviewed: (datasetId) =>
    rows<EvaluatorReviewedRow>(
      `SELECT s.evaluator_id AS "evaluatorId",
              CASE WHEN s.value IS NULL THEN NULL ELSE floor(s.value * 1000 + 1e-6)::int END AS bin,
              s.passed, d.verdict::text AS verdict, count(*)::float8 AS n
         FROM decisions d
         CROSS JOIN LATERAL (SELECT c.id FROM candidates c WHERE c.id = d.candidate_id AND c.dataset_id = $1 OFFSET 0) c
         CROSS JOIN LATERAL (SELECT * FROM scores s WHERE s.candidate_id = c.id AND s.error IS NULL OFFSET 0) s
        GROUP BY 1, 2, 3, 4`,
      [datasetId],
    ),
  costCells: (datasetId) =>
    rows<CostCellRow>(
      `SELECT c.run_id AS "runId", c.model, c.final_status::text AS status, count(*)::float8 AS n,
              coalesce(sum(c.prompt_tokens), 0)::float8 AS "promptTokens", coalesce(sum(c.completion_tokens), 0)::float8 AS "completionTokens",
              coalesce(sum(c.cost_usd::numeric), 0)::float8 AS "costUsd", count(c.cost_usd)::float8 AS costed
         FROM prompts p JOIN candidates c ON c.prompt_id = p.id WHERE p.dataset_id = $1 GROUP BY 1, 2, 3`,
      [datasetId],
    ),
  unreviewedBins: (datasetId, topK) =>
    rows<BinRow>(
      `SELECT floor(c.aggregate * 1000 + 1e-6)::int AS bin, count(*)::float8 AS n
         FROM prompts p JOIN candidates c ON c.prompt_id = p.id
        WHERE p.dataset_id = $1 AND c.aggregate IS NOT NULL AND ($2::int = 0 OR c.rank <= $2::int) AND ${VERDICT_CLASS_SQL} IN (1, 2)
          AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.candidate_id = c.id)
        GROUP BY 1`,
      [datasetId, topK],
    ),
  yieldCells: (datasetId) =>
    rows<YieldRow>(
      `WITH p AS (
         SELECT c.run_id, c.prompt_id, min(c.sample_index) FILTER (WHERE ${VERDICT_CLASS_SQL} = 1) AS first_pass, max(c.sample_index) AS max_index
           FROM prompts pr JOIN candidates c ON c.prompt_id = pr.id WHERE pr.dataset_id = $1 GROUP BY c.run_id, c.prompt_id)
       SELECT run_id AS "runId", first_pass AS "firstPass", count(*)::float8 AS prompts, max_index AS "maxIndex" FROM p GROUP BY 1, 2, 4
       UNION ALL
       SELECT NULL, fp, count(*)::float8, mi FROM (SELECT prompt_id, min(first_pass) AS fp, max(max_index) AS mi FROM p GROUP BY prompt_id) q GROUP BY 2, 4`,
      [datasetId],
    ),
  histCells: (datasetId, evaluatorIds) =>
    rows<HistRow>(
      `SELECT s.evaluator_id AS "evaluatorId", least(9, floor(s.value * 10 + 1e-9))::int AS bin, c.final_status::text AS status, count(*)::float8 AS count
         FROM scores s JOIN candidates c ON c.id = s.candidate_id JOIN evaluators e ON e.id = s.evaluator_id
        WHERE e.dataset_id = $1 AND s.evaluator_id = ANY($2::int[]) AND s.value IS NOT NULL AND s.error IS NULL
        GROUP BY 1, 2, 3`,
      [datasetId, evaluatorIds],
    ),
  spreadCells: (datasetId, evaluatorIds) =>
    rows<SpreadRow>(
      `SELECT spread, count(*)::float8 AS n FROM (
         SELECT insight_spread(s.raw) AS spread FROM scores s JOIN evaluators e ON e.id = s.evaluator_id
          WHERE e.dataset_id = $1 AND s.evaluator_id = ANY($2::int[]) AND s.raw IS NOT NULL) t
        WHERE spread IS NOT NULL GROUP BY 1 ORDER BY 1`,
      [datasetId, evaluatorIds],
    ),
};
