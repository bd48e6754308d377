-- insight_rebuild(ds): recomputes every summary of a dataset from the base tables (backfill, repair,
-- the end of a whole-dataset re-derivation, and the reference the tests compare the maintained
-- summaries with). Readable source of the drop_candidates_dataset_index migration (to-migration.ts),
-- which replaces the versions of insight_rebuild_parallel and summaries.sql.
--
-- The large aggregations go through CREATE TEMP TABLE … AS, which PostgreSQL may run with parallel
-- workers, where INSERT … SELECT always runs on one process: at 1 M candidates the score histograms
-- alone kept one core busy for ~7 s while the other idled. The few result rows are then inserted.
--
-- Passes over a dataset's candidates start from its prompts: candidates have no index on dataset_id
-- (migration drop_candidates_dataset_index), and through the prompts the work stays proportional to
-- the dataset, not to every dataset's candidates.
--
-- lock_tables: hold off every other writer while recomputing (repair, backfill). An import into an
-- empty dataset passes false: nothing else can write that dataset's rows before it commits.
CREATE OR REPLACE FUNCTION "insight_rebuild"(ds integer, lock_tables boolean DEFAULT true) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF lock_tables THEN
    LOCK TABLE candidates, scores, decisions IN SHARE MODE;
  END IF;
  DELETE FROM insight_cost_cells WHERE dataset_id = ds;
  DELETE FROM insight_bin_cells WHERE dataset_id = ds;
  DELETE FROM insight_hist_cells WHERE dataset_id = ds;
  DELETE FROM insight_spread_cells WHERE dataset_id = ds;
  DELETE FROM insight_yield_cells WHERE dataset_id = ds;
  DELETE FROM insight_yield_pairs WHERE dataset_id = ds;
  DELETE FROM insight_yield_prompts WHERE dataset_id = ds;
  DELETE FROM insight_reviewed_cells WHERE dataset_id = ds;
  DELETE FROM insight_eval_reviewed_cells WHERE dataset_id = ds;
  DROP TABLE IF EXISTS insight_rebuild_rows;

  INSERT INTO insight_reviewed_cells
  SELECT ds, c.auto_verdict::text, d.verdict::text, insight_cls(c.auto_verdict, c.verdict_reason), coalesce(c.rank, 2147483647),
         coalesce(floor(c.aggregate * 1000 + 1e-6)::int, -1), count(*)
    FROM decisions d JOIN candidates c ON c.id = d.candidate_id WHERE c.dataset_id = ds
   GROUP BY 2, 3, 4, 5, 6;

  INSERT INTO insight_eval_reviewed_cells
  SELECT ds, s.evaluator_id, coalesce(floor(s.value * 1000 + 1e-6)::int, -1), coalesce(s.passed::int, -1), d.verdict::text, count(*)
    FROM decisions d JOIN scores s ON s.candidate_id = d.candidate_id JOIN evaluators e ON e.id = s.evaluator_id
   WHERE e.dataset_id = ds AND s.error IS NULL
   GROUP BY 2, 3, 4, 5;

  CREATE TEMP TABLE insight_rebuild_rows AS
  SELECT ds AS dataset_id, c.run_id, c.model, c.final_status::text AS final_status, count(*) AS n, coalesce(sum(c.prompt_tokens), 0) AS pt,
         coalesce(sum(c.completion_tokens), 0) AS ct, coalesce(sum(c.cost_usd::numeric), 0) AS cost, count(c.cost_usd) AS costed
    FROM prompts p JOIN candidates c ON c.prompt_id = p.id WHERE p.dataset_id = ds GROUP BY 2, 3, 4;
  INSERT INTO insight_cost_cells SELECT * FROM insight_rebuild_rows;
  DROP TABLE insight_rebuild_rows;

  CREATE TEMP TABLE insight_rebuild_rows AS
  SELECT ds AS dataset_id, floor(c.aggregate * 1000 + 1e-6)::int AS bin, coalesce(c.rank, 2147483647) AS rank_key, count(*) AS n
    FROM prompts p JOIN candidates c ON c.prompt_id = p.id
   WHERE p.dataset_id = ds AND c.aggregate IS NOT NULL AND insight_cls(c.auto_verdict, c.verdict_reason) IN (1, 2)
     AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.candidate_id = c.id)
   GROUP BY 2, 3;
  INSERT INTO insight_bin_cells SELECT * FROM insight_rebuild_rows;
  DROP TABLE insight_rebuild_rows;

  CREATE TEMP TABLE insight_rebuild_rows AS
  SELECT ds AS dataset_id, s.evaluator_id, least(9, floor(s.value * 10 + 1e-9))::int AS bin, c.final_status::text AS final_status, count(*) AS n
    FROM scores s JOIN candidates c ON c.id = s.candidate_id JOIN evaluators e ON e.id = s.evaluator_id
   WHERE e.dataset_id = ds AND s.value IS NOT NULL AND s.error IS NULL
   GROUP BY 2, 3, 4;
  INSERT INTO insight_hist_cells SELECT * FROM insight_rebuild_rows;
  DROP TABLE insight_rebuild_rows;

  INSERT INTO insight_spread_cells
  SELECT ds, s.evaluator_id, insight_spread(s.raw) AS spread, count(*)
    FROM scores s JOIN evaluators e ON e.id = s.evaluator_id
   WHERE e.dataset_id = ds AND s.raw IS NOT NULL AND insight_spread(s.raw) IS NOT NULL
   GROUP BY 2, 3;

  CREATE TEMP TABLE insight_rebuild_rows AS
  SELECT c.prompt_id, c.run_id, ds AS dataset_id, min(c.sample_index) FILTER (WHERE insight_cls(c.auto_verdict, c.verdict_reason) = 1) AS first_pass,
         max(c.sample_index) AS max_index
    FROM prompts p JOIN candidates c ON c.prompt_id = p.id WHERE p.dataset_id = ds GROUP BY c.prompt_id, c.run_id;
  INSERT INTO insight_yield_pairs SELECT * FROM insight_rebuild_rows;
  DROP TABLE insight_rebuild_rows;
  INSERT INTO insight_yield_prompts
  SELECT prompt_id, ds, min(first_pass), max(max_index) FROM insight_yield_pairs WHERE dataset_id = ds GROUP BY prompt_id;
  INSERT INTO insight_yield_cells
  SELECT ds, run_id, coalesce(first_pass, -1), max_index, count(*) FROM insight_yield_pairs WHERE dataset_id = ds GROUP BY 2, 3, 4;
  INSERT INTO insight_yield_cells
  SELECT ds, 0, coalesce(first_pass, -1), max_index, count(*) FROM insight_yield_prompts WHERE dataset_id = ds GROUP BY 3, 4;
END
$$;
