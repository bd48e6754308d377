import 'server-only';
// Reads of the Insight summary tables (migration insight_summaries, source lib/insight/sql/summaries.sql):
// cell tables kept exact by triggers on every write, as signed delta rows summed here by key. When a
// dataset's rows pile up (many writes since the last fold), insight_compact() folds them, after the
// figures were read so the view does not wait for it.
import { pgPool } from '../db/pool';
import type { BinRow, CostCellRow, EvaluatorReviewedRow, HistRow, ReviewedRow, SpreadRow, StatsSource, YieldRow } from './query-types';
import { timedRows as rows } from './query-types';

/** Fold a dataset's summary rows once they exceed this many beyond one per key. */
const COMPACT_ABOVE = 5_000;
const compacting = new Set<number>();

export function queryReviewedCells(datasetId: number, topK: number) {
  return rows<ReviewedRow>(
    `SELECT auto, verdict, cls, (rank_key <> 2147483647 AND ($2::int = 0 OR rank_key <= $2::int)) AS "inTop", nullif(bin, -1) AS bin,
            sum(n)::float8 AS n
       FROM insight_reviewed_cells WHERE dataset_id = $1 GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0`,
    [datasetId, topK],
  );
}

export function queryEvaluatorReviewedCells(datasetId: number) {
  return rows<EvaluatorReviewedRow>(
    `SELECT evaluator_id AS "evaluatorId", nullif(bin, -1) AS bin, CASE passed WHEN 1 THEN true WHEN 0 THEN false END AS passed, verdict,
            sum(n)::float8 AS n
       FROM insight_eval_reviewed_cells WHERE dataset_id = $1 GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0`,
    [datasetId],
  );
}

export function queryCostCells(datasetId: number) {
  return rows<CostCellRow & { raw: number }>(
    `SELECT run_id AS "runId", model, final_status AS status, sum(n)::float8 AS n, sum(prompt_tokens)::float8 AS "promptTokens",
            sum(completion_tokens)::float8 AS "completionTokens", sum(cost_usd)::float8 AS "costUsd", sum(costed)::float8 AS costed,
            count(*)::int AS raw
       FROM insight_cost_cells WHERE dataset_id = $1 GROUP BY 1, 2, 3
     HAVING sum(n) <> 0 OR sum(prompt_tokens) <> 0 OR sum(completion_tokens) <> 0 OR sum(cost_usd) <> 0 OR sum(costed) <> 0`,
    [datasetId],
  );
}

export function queryUnreviewedBins(datasetId: number, topK: number) {
  return rows<BinRow>(
    `SELECT bin, sum(n)::float8 AS n FROM insight_bin_cells WHERE dataset_id = $1 AND ($2::int = 0 OR rank_key <= $2::int)
      GROUP BY bin HAVING sum(n) <> 0`,
    [datasetId, topK],
  );
}

export function queryYieldCells(datasetId: number) {
  return rows<YieldRow>(
    `SELECT nullif(run_id, 0) AS "runId", nullif(first_pass, -1) AS "firstPass", sum(prompts)::float8 AS prompts, max_index AS "maxIndex"
       FROM insight_yield_cells WHERE dataset_id = $1 GROUP BY run_id, first_pass, max_index HAVING sum(prompts) <> 0`,
    [datasetId],
  );
}

export function queryHistCells(datasetId: number, evaluatorIds: number[]) {
  return rows<HistRow>(
    `SELECT evaluator_id AS "evaluatorId", bin, final_status AS status, sum(n)::float8 AS count
       FROM insight_hist_cells WHERE dataset_id = $1 AND evaluator_id = ANY($2::int[]) GROUP BY 1, 2, 3 HAVING sum(n) <> 0`,
    [datasetId, evaluatorIds],
  );
}

export function querySpreadCells(datasetId: number, evaluatorIds: number[]) {
  return rows<SpreadRow>(
    `SELECT spread, sum(n)::float8 AS n FROM insight_spread_cells WHERE dataset_id = $1 AND evaluator_id = ANY($2::int[])
      GROUP BY spread HAVING sum(n) <> 0 ORDER BY spread`,
    [datasetId, evaluatorIds],
  );
}

async function backlog(datasetId: number): Promise<number> {
  const [r] = await rows<{ n: number }>(
    `SELECT (SELECT count(*) FROM insight_bin_cells WHERE dataset_id = $1) + (SELECT count(*) FROM insight_hist_cells WHERE dataset_id = $1)
          + (SELECT count(*) FROM insight_yield_cells WHERE dataset_id = $1) + (SELECT count(*) FROM insight_cost_cells WHERE dataset_id = $1)
          + (SELECT count(*) FROM insight_spread_cells WHERE dataset_id = $1) + (SELECT count(*) FROM insight_reviewed_cells WHERE dataset_id = $1)
          + (SELECT count(*) FROM insight_eval_reviewed_cells WHERE dataset_id = $1) AS n`,
    [datasetId],
  );
  return Number(r?.n ?? 0);
}

/** Folds the dataset's delta rows when there are many; runs in the background, one at a time per dataset. */
export function compactLater(datasetId: number, keys: number) {
  if (compacting.has(datasetId)) return;
  compacting.add(datasetId);
  void (async () => {
    try {
      if ((await backlog(datasetId)) > keys + COMPACT_ABOVE) await compactSummaries(datasetId);
    } catch (e) {
      console.error(`insight: compacting the summaries of dataset ${datasetId} failed:`, e);
    } finally {
      compacting.delete(datasetId);
    }
  })();
}

export async function compactSummaries(datasetId: number) {
  await pgPool().query('SELECT insight_compact($1)', [datasetId]);
}

/** Recomputes a dataset's summaries from the base tables (repair; holds writers off meanwhile). */
export async function rebuildSummaries(datasetId: number) {
  await pgPool().query('SELECT insight_rebuild($1)', [datasetId]);
}

export const summarySource: StatsSource = {
  reviewed: queryReviewedCells,
  evaluatorReviewed: queryEvaluatorReviewedCells,
  costCells: queryCostCells,
  unreviewedBins: queryUnreviewedBins,
  yieldCells: queryYieldCells,
  histCells: queryHistCells,
  spreadCells: querySpreadCells,
};
