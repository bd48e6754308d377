import 'server-only';
// Test helper: a dataset's maintained Insight summaries, summed by key into sorted lines, next to what
// insight_rebuild() (the full recomputation from the base tables) makes of them, without keeping the
// rebuild (it runs in a transaction that is rolled back).
import { pgPool } from '../../db/pool';

const SNAPSHOT_SQL = `
  SELECT 'cost ' || run_id || ' ' || coalesce(model, '<null>') || ' ' || final_status || ' ' || sum(n) || ' ' || sum(prompt_tokens) || ' '
         || sum(completion_tokens) || ' ' || trim_scale(sum(cost_usd)) || ' ' || sum(costed) AS line
    FROM insight_cost_cells WHERE dataset_id = $1 GROUP BY run_id, model, final_status
  HAVING sum(n) <> 0 OR sum(prompt_tokens) <> 0 OR sum(completion_tokens) <> 0 OR sum(cost_usd) <> 0 OR sum(costed) <> 0
  UNION ALL SELECT 'bin ' || bin || ' ' || rank_key || ' ' || sum(n) FROM insight_bin_cells WHERE dataset_id = $1 GROUP BY bin, rank_key HAVING sum(n) <> 0
  UNION ALL SELECT 'hist ' || evaluator_id || ' ' || bin || ' ' || final_status || ' ' || sum(n) FROM insight_hist_cells WHERE dataset_id = $1
   GROUP BY evaluator_id, bin, final_status HAVING sum(n) <> 0
  UNION ALL SELECT 'spread ' || evaluator_id || ' ' || spread || ' ' || sum(n) FROM insight_spread_cells WHERE dataset_id = $1 GROUP BY evaluator_id, spread HAVING sum(n) <> 0
  UNION ALL SELECT 'yield ' || run_id || ' ' || first_pass || ' ' || max_index || ' ' || sum(prompts) FROM insight_yield_cells WHERE dataset_id = $1
   GROUP BY run_id, first_pass, max_index HAVING sum(prompts) <> 0
  UNION ALL SELECT 'pair ' || prompt_id || ' ' || run_id || ' ' || coalesce(first_pass, -1) || ' ' || max_index FROM insight_yield_pairs WHERE dataset_id = $1
  UNION ALL SELECT 'prompt ' || prompt_id || ' ' || coalesce(first_pass, -1) || ' ' || max_index FROM insight_yield_prompts WHERE dataset_id = $1
  UNION ALL SELECT 'reviewed ' || auto || ' ' || verdict || ' ' || cls || ' ' || rank_key || ' ' || bin || ' ' || sum(n) FROM insight_reviewed_cells
   WHERE dataset_id = $1 GROUP BY auto, verdict, cls, rank_key, bin HAVING sum(n) <> 0
  UNION ALL SELECT 'eval-reviewed ' || evaluator_id || ' ' || bin || ' ' || passed || ' ' || verdict || ' ' || sum(n) FROM insight_eval_reviewed_cells
   WHERE dataset_id = $1 GROUP BY evaluator_id, bin, passed, verdict HAVING sum(n) <> 0
  ORDER BY 1`;

export async function summarySnapshot(datasetId: number): Promise<{ maintained: string[]; rebuilt: string[] }> {
  const client = await pgPool().connect();
  try {
    await client.query('BEGIN');
    const maintained = (await client.query<{ line: string }>(SNAPSHOT_SQL, [datasetId])).rows.map((r) => r.line);
    await client.query('SELECT insight_rebuild($1)', [datasetId]);
    const rebuilt = (await client.query<{ line: string }>(SNAPSHOT_SQL, [datasetId])).rows.map((r) => r.line);
    return { maintained, rebuilt };
  } finally {
    await client.query('ROLLBACK').catch(() => {});
    client.release();
  }
}

/** Rows of any summary table still naming this dataset (after it was deleted: none expected). */
export async function summaryRowsOf(datasetId: number): Promise<number> {
  const { rows } = await pgPool().query<{ n: string }>(
    `SELECT (SELECT count(*) FROM insight_cost_cells WHERE dataset_id = $1) + (SELECT count(*) FROM insight_bin_cells WHERE dataset_id = $1)
          + (SELECT count(*) FROM insight_hist_cells WHERE dataset_id = $1) + (SELECT count(*) FROM insight_spread_cells WHERE dataset_id = $1)
          + (SELECT count(*) FROM insight_yield_cells WHERE dataset_id = $1) + (SELECT count(*) FROM insight_yield_pairs WHERE dataset_id = $1)
          + (SELECT count(*) FROM insight_yield_prompts WHERE dataset_id = $1) + (SELECT count(*) FROM insight_reviewed_cells WHERE dataset_id = $1)
          + (SELECT count(*) FROM insight_eval_reviewed_cells WHERE dataset_id = $1) AS n`,
    [datasetId],
  );
  return Number(rows[0].n);
}
