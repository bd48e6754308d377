-- Insight summaries: small tables kept exact by statement-level triggers (transition tables) on
-- candidates, scores, decisions, evaluators and datasets, so the Insight page reads a few thousand
-- rows instead of passing over every candidate. Readable source of the insight_summaries migration
-- (except insight_rebuild, now in rebuild.sql) (lib/insight/sql/to-migration.ts turns the dollar-quoted bodies into E-strings for the migration
-- runner, which splits scripts on every semicolon).
--
-- The cell tables are multisets of signed deltas: writers only append (no row is updated, so
-- concurrent writers never wait on one another or deadlock here), readers sum by key, and
-- insight_compact() folds a dataset's rows into one per key. The yield state per (prompt, run) and per
-- prompt is a row each, locked in key order and recomputed from the base rows after the lock.
-- insight_rebuild() recomputes everything of a dataset from the base tables (backfill, repair, tests).

CREATE TABLE "insight_cost_cells" (
  "dataset_id" INTEGER NOT NULL,
  "run_id" INTEGER NOT NULL,
  "model" TEXT,
  "final_status" TEXT NOT NULL,
  "n" BIGINT NOT NULL,
  "prompt_tokens" NUMERIC NOT NULL,
  "completion_tokens" NUMERIC NOT NULL,
  "cost_usd" NUMERIC NOT NULL,
  "costed" BIGINT NOT NULL
);
CREATE INDEX "insight_cost_cells_dataset_idx" ON "insight_cost_cells" ("dataset_id");

-- Unreviewed candidates whose verdict the threshold decides (verdict class 1 or 2, with an aggregate),
-- by aggregate bin (thousandths) and rank (2147483647 = no rank).
CREATE TABLE "insight_bin_cells" (
  "dataset_id" INTEGER NOT NULL,
  "bin" INTEGER NOT NULL,
  "rank_key" INTEGER NOT NULL,
  "n" BIGINT NOT NULL
);
CREATE INDEX "insight_bin_cells_dataset_idx" ON "insight_bin_cells" ("dataset_id");

CREATE TABLE "insight_hist_cells" (
  "dataset_id" INTEGER NOT NULL,
  "evaluator_id" INTEGER NOT NULL,
  "bin" INTEGER NOT NULL,
  "final_status" TEXT NOT NULL,
  "n" BIGINT NOT NULL
);
CREATE INDEX "insight_hist_cells_dataset_idx" ON "insight_hist_cells" ("dataset_id");

CREATE TABLE "insight_spread_cells" (
  "dataset_id" INTEGER NOT NULL,
  "evaluator_id" INTEGER NOT NULL,
  "spread" DOUBLE PRECISION NOT NULL,
  "n" BIGINT NOT NULL
);
CREATE INDEX "insight_spread_cells_dataset_idx" ON "insight_spread_cells" ("dataset_id");

-- Reviewed candidates by auto verdict, decision, verdict class, rank (2147483647 = none) and aggregate
-- bin (-1 = no aggregate).
CREATE TABLE "insight_reviewed_cells" (
  "dataset_id" INTEGER NOT NULL,
  "auto" TEXT NOT NULL,
  "verdict" TEXT NOT NULL,
  "cls" INTEGER NOT NULL,
  "rank_key" INTEGER NOT NULL,
  "bin" INTEGER NOT NULL,
  "n" BIGINT NOT NULL
);
CREATE INDEX "insight_reviewed_cells_dataset_idx" ON "insight_reviewed_cells" ("dataset_id");

-- Scores (without error) of reviewed candidates by evaluator, value bin (thousandths, -1 = no value),
-- passed (-1 = null, 0, 1) and decision.
CREATE TABLE "insight_eval_reviewed_cells" (
  "dataset_id" INTEGER NOT NULL,
  "evaluator_id" INTEGER NOT NULL,
  "bin" INTEGER NOT NULL,
  "passed" INTEGER NOT NULL,
  "verdict" TEXT NOT NULL,
  "n" BIGINT NOT NULL
);
CREATE INDEX "insight_eval_reviewed_cells_dataset_idx" ON "insight_eval_reviewed_cells" ("dataset_id");

-- Prompts by (run, first passing sample_index (-1 none), max sample_index), run_id 0 = over all runs.
CREATE TABLE "insight_yield_cells" (
  "dataset_id" INTEGER NOT NULL,
  "run_id" INTEGER NOT NULL,
  "first_pass" INTEGER NOT NULL,
  "max_index" INTEGER NOT NULL,
  "prompts" BIGINT NOT NULL
);
CREATE INDEX "insight_yield_cells_dataset_idx" ON "insight_yield_cells" ("dataset_id");

-- max_index -1 = no candidates (a placeholder row taken as a lock).
CREATE TABLE "insight_yield_pairs" (
  "prompt_id" INTEGER NOT NULL,
  "run_id" INTEGER NOT NULL,
  "dataset_id" INTEGER NOT NULL,
  "first_pass" INTEGER,
  "max_index" INTEGER NOT NULL,
  PRIMARY KEY ("prompt_id", "run_id")
);

CREATE TABLE "insight_yield_prompts" (
  "prompt_id" INTEGER NOT NULL PRIMARY KEY,
  "dataset_id" INTEGER NOT NULL,
  "first_pass" INTEGER,
  "max_index" INTEGER NOT NULL
);

-- Same classes as lib/insight/verdict-class.ts VERDICT_CLASS_SQL: 1 eligible, 2 below threshold, 0 other.
CREATE FUNCTION "insight_cls"(av "AutoVerdict", reason text) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN av = 'accepted' THEN 1
    WHEN av <> 'rejected' OR reason IS NULL THEN 0
    WHEN reason LIKE 'not in top %' OR reason LIKE 'duplicate of %' THEN 1
    WHEN reason LIKE 'score % below threshold %' THEN 2
    ELSE 0 END
$$;

-- Spread (max - min) of repeated judgments kept in Score.raw, null when fewer than two.
CREATE FUNCTION "insight_spread"(raw jsonb) RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN count(v) >= 2 THEN max(v) - min(v) END FROM (
    SELECT CASE WHEN jsonb_typeof(x) = 'number' THEN x::text::float8
                WHEN jsonb_typeof(x -> 'value') = 'number' THEN (x ->> 'value')::float8 END AS v
      FROM jsonb_array_elements(
        CASE WHEN jsonb_typeof(raw -> 'samples') = 'array' THEN raw -> 'samples'
             WHEN jsonb_typeof(raw -> 'scores') = 'array' THEN raw -> 'scores'
             WHEN jsonb_typeof(raw -> 'repeats') = 'array' THEN raw -> 'repeats'
             WHEN jsonb_typeof(raw -> 'values') = 'array' THEN raw -> 'values'
             ELSE '[]'::jsonb END) AS x) t
$$;

-- Per-session scratch tables (emptied at commit): the changed candidates of one statement, and the
-- candidates deleted in this transaction (their scores and decisions go after them by cascade, and
-- the triggers on those tables fire once the candidate rows are gone).
CREATE FUNCTION "insight_scratch"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF to_regclass('pg_temp.insight_dstate') IS NULL THEN
    CREATE TEMP TABLE insight_delta (sign integer, id integer, dataset_id integer, run_id integer, prompt_id integer,
      sample_index integer, model text, final_status text, prompt_tokens integer, completion_tokens integer,
      cost_usd float8, aggregate float8, rank integer, cls integer, verdict text, status_changed boolean,
      yield_changed boolean, auto text) ON COMMIT DELETE ROWS;
    CREATE TEMP TABLE insight_stash (id integer PRIMARY KEY, dataset_id integer, final_status text, cls integer,
      aggregate float8, rank integer, auto text) ON COMMIT DELETE ROWS;
    CREATE TEMP TABLE insight_sdelta (sign integer, candidate_id integer, evaluator_id integer, value float8,
      ok boolean, spread float8, passed boolean) ON COMMIT DELETE ROWS;
    CREATE TEMP TABLE insight_ddelta (sign integer, candidate_id integer, verdict text) ON COMMIT DELETE ROWS;
    CREATE TEMP TABLE insight_stash_decisions (candidate_id integer, verdict text) ON COMMIT DELETE ROWS;
    CREATE TEMP TABLE insight_stash_scores (candidate_id integer, evaluator_id integer, bin integer, passed integer) ON COMMIT DELETE ROWS;
    CREATE TEMP TABLE insight_dstate (sign integer, candidate_id integer, verdict text, dataset_id integer, auto text,
      cls integer, rank integer, aggregate float8, gone boolean) ON COMMIT DELETE ROWS;
    CREATE TEMP TABLE insight_aff_prompts (prompt_id integer, dataset_id integer) ON COMMIT DELETE ROWS;
  END IF;
END
$$;

-- Appends the cell deltas of the rows in insight_delta and refreshes the yield state they touch.
CREATE FUNCTION "insight_apply_delta"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO insight_cost_cells
  SELECT dataset_id, run_id, model, final_status, sum(sign), sum(sign * coalesce(prompt_tokens, 0)),
         sum(sign * coalesce(completion_tokens, 0)), sum(sign * coalesce(cost_usd::numeric, 0)),
         sum(CASE WHEN cost_usd IS NULL THEN 0 ELSE sign END)
    FROM insight_delta GROUP BY 1, 2, 3, 4
  HAVING sum(sign) <> 0 OR sum(sign * coalesce(prompt_tokens, 0)) <> 0 OR sum(sign * coalesce(completion_tokens, 0)) <> 0
      OR sum(sign * coalesce(cost_usd::numeric, 0)) <> 0 OR sum(CASE WHEN cost_usd IS NULL THEN 0 ELSE sign END) <> 0;

  INSERT INTO insight_bin_cells
  SELECT dataset_id, floor(aggregate * 1000 + 1e-6)::int, coalesce(rank, 2147483647), sum(sign)
    FROM insight_delta WHERE verdict IS NULL AND cls IN (1, 2) AND aggregate IS NOT NULL
   GROUP BY 1, 2, 3 HAVING sum(sign) <> 0;

  INSERT INTO insight_reviewed_cells
  SELECT dataset_id, auto, verdict, cls, coalesce(rank, 2147483647), coalesce(floor(aggregate * 1000 + 1e-6)::int, -1), sum(sign)
    FROM insight_delta WHERE verdict IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(sign) <> 0;

  -- (Lateral with OFFSET 0: probe the scores of each changed candidate, never hash the whole table.)
  INSERT INTO insight_hist_cells
  SELECT e.dataset_id, s.evaluator_id, least(9, floor(s.value * 10 + 1e-9))::int, d.final_status, sum(d.sign)
    FROM insight_delta d
    CROSS JOIN LATERAL (SELECT s.evaluator_id, s.value FROM scores s WHERE s.candidate_id = d.id AND s.value IS NOT NULL AND s.error IS NULL OFFSET 0) s
    JOIN evaluators e ON e.id = s.evaluator_id
   WHERE d.status_changed
   GROUP BY 1, 2, 3, 4 HAVING sum(d.sign) <> 0;

  IF EXISTS (SELECT 1 FROM insight_delta WHERE yield_changed) THEN
    PERFORM insight_refresh_yield();
  END IF;
  DELETE FROM insight_delta;
END
$$;

-- Recomputes the yield state of the (prompt, run) pairs in insight_delta (yield_changed), then of their
-- prompts, appending the cell deltas. Rows are locked in key order before they are recomputed, so a
-- concurrent writer of the same pair waits and then reads what was committed.
CREATE FUNCTION "insight_refresh_yield"() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  -- Only new candidates (an INSERT): the new state folds them into the locked one, no rereading.
  ins boolean := NOT EXISTS (SELECT 1 FROM insight_delta WHERE yield_changed AND sign < 0);
BEGIN
  INSERT INTO insight_yield_pairs (prompt_id, run_id, dataset_id, first_pass, max_index)
  SELECT DISTINCT prompt_id, run_id, dataset_id, NULL::int, -1 FROM insight_delta WHERE yield_changed ORDER BY 1, 2
  ON CONFLICT DO NOTHING;
  PERFORM 1 FROM (SELECT DISTINCT prompt_id, run_id FROM insight_delta WHERE yield_changed ORDER BY 1, 2) a
   CROSS JOIN LATERAL (SELECT 1 FROM insight_yield_pairs p WHERE p.prompt_id = a.prompt_id AND p.run_id = a.run_id FOR UPDATE) l;

  WITH aff AS (
    SELECT prompt_id, run_id, min(sample_index) FILTER (WHERE cls = 1) AS dfp, max(sample_index) AS dmi
      FROM insight_delta WHERE yield_changed GROUP BY 1, 2),
  st AS (
    SELECT p.prompt_id, p.run_id, p.dataset_id, p.first_pass AS old_fp, p.max_index AS old_mi,
           CASE WHEN ins THEN least(p.first_pass, a.dfp) ELSE f.fp END AS new_fp,
           CASE WHEN ins THEN greatest(p.max_index, a.dmi) ELSE coalesce(f.mi, -1) END AS new_mi
      FROM aff a
     CROSS JOIN LATERAL (SELECT * FROM insight_yield_pairs p WHERE p.prompt_id = a.prompt_id AND p.run_id = a.run_id OFFSET 0) p
     LEFT JOIN LATERAL (
       SELECT min(c.sample_index) FILTER (WHERE insight_cls(c.auto_verdict, c.verdict_reason) = 1) AS fp, max(c.sample_index) AS mi
         FROM candidates c WHERE NOT ins AND c.run_id = a.run_id AND c.prompt_id = a.prompt_id) f ON true),
  ch AS (SELECT * FROM st WHERE old_fp IS DISTINCT FROM new_fp OR old_mi <> new_mi),
  upd AS (
    UPDATE insight_yield_pairs p SET first_pass = ch.new_fp, max_index = ch.new_mi
      FROM ch WHERE p.prompt_id = ch.prompt_id AND p.run_id = ch.run_id AND ch.new_mi >= 0),
  del AS (
    DELETE FROM insight_yield_pairs p USING st WHERE p.prompt_id = st.prompt_id AND p.run_id = st.run_id AND st.new_mi < 0),
  cells AS (
    INSERT INTO insight_yield_cells
    SELECT dataset_id, run_id, coalesce(fp, -1), mi, sum(sg) FROM (
      SELECT dataset_id, run_id, old_fp AS fp, old_mi AS mi, -1 AS sg FROM ch WHERE old_mi >= 0
      UNION ALL SELECT dataset_id, run_id, new_fp, new_mi, 1 FROM ch WHERE new_mi >= 0) x
     GROUP BY 1, 2, 3, 4 HAVING sum(sg) <> 0)
  INSERT INTO insight_aff_prompts SELECT DISTINCT prompt_id, dataset_id FROM ch;

  INSERT INTO insight_yield_prompts (prompt_id, dataset_id, first_pass, max_index)
  SELECT DISTINCT prompt_id, dataset_id, NULL::int, -1 FROM insight_aff_prompts ORDER BY 1
  ON CONFLICT DO NOTHING;
  PERFORM 1 FROM (SELECT DISTINCT prompt_id FROM insight_aff_prompts ORDER BY 1) a
   CROSS JOIN LATERAL (SELECT 1 FROM insight_yield_prompts p WHERE p.prompt_id = a.prompt_id FOR UPDATE) l;

  WITH aff AS (SELECT DISTINCT prompt_id FROM insight_aff_prompts),
  st AS (
    SELECT p.prompt_id, p.dataset_id, p.first_pass AS old_fp, p.max_index AS old_mi, f.fp AS new_fp, coalesce(f.mi, -1) AS new_mi
      FROM aff a
     CROSS JOIN LATERAL (SELECT * FROM insight_yield_prompts p WHERE p.prompt_id = a.prompt_id OFFSET 0) p
     CROSS JOIN LATERAL (SELECT min(y.first_pass) AS fp, max(y.max_index) AS mi FROM insight_yield_pairs y WHERE y.prompt_id = a.prompt_id) f),
  ch AS (SELECT * FROM st WHERE old_fp IS DISTINCT FROM new_fp OR old_mi <> new_mi),
  upd AS (
    UPDATE insight_yield_prompts p SET first_pass = ch.new_fp, max_index = ch.new_mi
      FROM ch WHERE p.prompt_id = ch.prompt_id AND ch.new_mi >= 0),
  del AS (DELETE FROM insight_yield_prompts p USING st WHERE p.prompt_id = st.prompt_id AND st.new_mi < 0)
  INSERT INTO insight_yield_cells
  SELECT dataset_id, 0, coalesce(fp, -1), mi, sum(sg) FROM (
    SELECT dataset_id, old_fp AS fp, old_mi AS mi, -1 AS sg FROM ch WHERE old_mi >= 0
    UNION ALL SELECT dataset_id, new_fp, new_mi, 1 FROM ch WHERE new_mi >= 0) x
   GROUP BY 1, 3, 4 HAVING sum(sg) <> 0;
  DELETE FROM insight_aff_prompts;
END
$$;

CREATE FUNCTION "insight_candidates_changed"() RETURNS trigger LANGUAGE plpgsql
SET enable_hashjoin = on SET enable_mergejoin = on SET enable_nestloop = on SET enable_seqscan = on AS $$
BEGIN
  -- A bulk import into an empty dataset defers its summaries: it rebuilds them once before commit
  -- (lib/import/open-import-target.ts), which costs a fraction of applying every COPY batch here.
  IF current_setting('winnow.insight_deferred', true) = 'on' THEN RETURN NULL; END IF;
  PERFORM insight_scratch();
  IF TG_OP = 'INSERT' THEN
    INSERT INTO insight_delta
    SELECT 1, n.id, n.dataset_id, n.run_id, n.prompt_id, n.sample_index, n.model, n.final_status::text, n.prompt_tokens,
           n.completion_tokens, n.cost_usd, n.aggregate, n.rank, insight_cls(n.auto_verdict, n.verdict_reason), NULL, false, true,
           n.auto_verdict::text
      FROM new_rows n;
  ELSIF TG_OP = 'DELETE' THEN
    -- Rows of a dataset being deleted are skipped: its summaries went with it. The decisions and scores
    -- of these candidates are already gone (cascades run first): their triggers, which fire next,
    -- find the candidates in insight_stash and take the reviewed cells and histograms from there.
    INSERT INTO insight_delta
    SELECT -1, o.id, o.dataset_id, o.run_id, o.prompt_id, o.sample_index, o.model, o.final_status::text, o.prompt_tokens,
           o.completion_tokens, o.cost_usd, o.aggregate, o.rank, insight_cls(o.auto_verdict, o.verdict_reason), NULL, false, true,
           o.auto_verdict::text
      FROM old_rows o WHERE o.dataset_id IN (SELECT id FROM datasets);
    INSERT INTO insight_stash SELECT id, dataset_id, final_status, cls, aggregate, rank, auto FROM insight_delta ON CONFLICT DO NOTHING;
  ELSE
    -- Only rows whose summarised fields changed: both versions, with the decision looked up once.
    WITH j AS MATERIALIZED (
      SELECT o.id, o.dataset_id AS o_dataset_id, n.dataset_id AS n_dataset_id,
             o.run_id AS o_run_id, n.run_id AS n_run_id,
             o.prompt_id AS o_prompt_id, n.prompt_id AS n_prompt_id,
             o.sample_index AS o_sample_index, n.sample_index AS n_sample_index,
             o.model AS o_model, n.model AS n_model,
             o.final_status AS o_final_status, n.final_status AS n_final_status,
             o.prompt_tokens AS o_prompt_tokens, n.prompt_tokens AS n_prompt_tokens,
             o.completion_tokens AS o_completion_tokens, n.completion_tokens AS n_completion_tokens,
             o.cost_usd AS o_cost_usd, n.cost_usd AS n_cost_usd,
             o.aggregate AS o_aggregate, n.aggregate AS n_aggregate,
             o.rank AS o_rank, n.rank AS n_rank,
             o.auto_verdict AS o_auto_verdict, n.auto_verdict AS n_auto_verdict,
             k.ocls, k.ncls, dd.verdict::text AS verdict,
             o.final_status IS DISTINCT FROM n.final_status AS status_changed,
             (k.ocls = 1) <> (k.ncls = 1) OR o.run_id <> n.run_id OR o.prompt_id <> n.prompt_id
               OR o.sample_index <> n.sample_index OR o.dataset_id <> n.dataset_id AS yield_changed
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        LEFT JOIN decisions dd ON dd.candidate_id = n.id
       CROSS JOIN LATERAL (SELECT insight_cls(o.auto_verdict, o.verdict_reason) AS ocls, insight_cls(n.auto_verdict, n.verdict_reason) AS ncls) k
       WHERE ROW(o.dataset_id, o.run_id, o.prompt_id, o.sample_index, o.model, o.final_status, o.prompt_tokens, o.completion_tokens,
                 o.cost_usd, o.aggregate, o.rank, k.ocls, o.auto_verdict)
             IS DISTINCT FROM ROW(n.dataset_id, n.run_id, n.prompt_id, n.sample_index, n.model, n.final_status, n.prompt_tokens,
                 n.completion_tokens, n.cost_usd, n.aggregate, n.rank, k.ncls, n.auto_verdict))
    INSERT INTO insight_delta
    SELECT -1, id, o_dataset_id, o_run_id, o_prompt_id, o_sample_index, o_model, o_final_status::text,
           o_prompt_tokens, o_completion_tokens, o_cost_usd, o_aggregate, o_rank, ocls, verdict, status_changed,
           yield_changed, o_auto_verdict::text FROM j
    UNION ALL
    SELECT 1, id, n_dataset_id, n_run_id, n_prompt_id, n_sample_index, n_model, n_final_status::text,
           n_prompt_tokens, n_completion_tokens, n_cost_usd, n_aggregate, n_rank, ncls, verdict, status_changed,
           yield_changed, n_auto_verdict::text FROM j;
  END IF;
  PERFORM insight_apply_delta();
  RETURN NULL;
END
$$;

CREATE TRIGGER "insight_candidates_insert" AFTER INSERT ON "candidates" REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION "insight_candidates_changed"();
CREATE TRIGGER "insight_candidates_update" AFTER UPDATE ON "candidates" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION "insight_candidates_changed"();
CREATE TRIGGER "insight_candidates_delete" AFTER DELETE ON "candidates" REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION "insight_candidates_changed"();

-- A decision added (sign 1) or removed (-1): its candidate leaves (enters) the unreviewed bins, and it
-- counts in the reviewed cells with the candidate and, with each of its scores, in the per-evaluator
-- reviewed cells. Candidates are locked first, so that a concurrent change of a candidate or of its
-- scores is seen once committed. Decisions whose candidate is being deleted take the candidate from
-- insight_stash, and the scores deleted with it from insight_stash_scores (whichever of the two
-- cascaded triggers fires second pairs them up).
CREATE FUNCTION "insight_decisions_changed"() RETURNS trigger LANGUAGE plpgsql
SET enable_hashjoin = on SET enable_mergejoin = on SET enable_nestloop = on SET enable_seqscan = on AS $$
BEGIN
  -- A bulk import into an empty dataset defers its summaries: it rebuilds them once before commit
  -- (lib/import/open-import-target.ts), which costs a fraction of applying every COPY batch here.
  IF current_setting('winnow.insight_deferred', true) = 'on' THEN RETURN NULL; END IF;
  PERFORM insight_scratch();
  IF TG_OP = 'INSERT' THEN
    INSERT INTO insight_ddelta SELECT 1, candidate_id, verdict::text FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO insight_ddelta SELECT -1, candidate_id, verdict::text FROM old_rows;
  ELSE
    INSERT INTO insight_ddelta
    SELECT x.* FROM old_rows o JOIN new_rows n ON n.id = o.id
     CROSS JOIN LATERAL (VALUES (-1, o.candidate_id, o.verdict::text), (1, n.candidate_id, n.verdict::text)) x
     WHERE o.candidate_id <> n.candidate_id OR o.verdict <> n.verdict;
  END IF;
  -- (Rows this transaction wrote itself, e.g. the review's own UPDATE of the candidate, are locked already.)
  PERFORM 1 FROM candidates c
   WHERE c.id IN (SELECT candidate_id FROM insight_ddelta) AND NOT (c.xmin = xid(pg_current_xact_id()))
   ORDER BY c.id FOR NO KEY UPDATE;
  INSERT INTO insight_dstate
  SELECT d.sign, d.candidate_id, d.verdict, s.dataset_id, s.auto, s.cls, s.rank, s.aggregate, s.gone
    FROM insight_ddelta d
    CROSS JOIN LATERAL (
      SELECT c.dataset_id, c.auto_verdict::text AS auto, insight_cls(c.auto_verdict, c.verdict_reason) AS cls, c.rank, c.aggregate, false AS gone
        FROM candidates c WHERE c.id = d.candidate_id
      UNION ALL
      SELECT st.dataset_id, st.auto, st.cls, st.rank, st.aggregate, true FROM insight_stash st
       WHERE st.id = d.candidate_id AND NOT EXISTS (SELECT 1 FROM candidates c WHERE c.id = d.candidate_id)) s;
  INSERT INTO insight_bin_cells
  SELECT dataset_id, floor(aggregate * 1000 + 1e-6)::int, coalesce(rank, 2147483647), -sum(sign)
    FROM insight_dstate WHERE cls IN (1, 2) AND aggregate IS NOT NULL
   GROUP BY 1, 2, 3 HAVING sum(sign) <> 0;
  INSERT INTO insight_reviewed_cells
  SELECT dataset_id, auto, verdict, cls, coalesce(rank, 2147483647), coalesce(floor(aggregate * 1000 + 1e-6)::int, -1), sum(sign)
    FROM insight_dstate GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(sign) <> 0;
  INSERT INTO insight_eval_reviewed_cells
  SELECT d.dataset_id, x.evaluator_id, x.bin, x.passed, d.verdict, sum(d.sign)
    FROM insight_dstate d
    CROSS JOIN LATERAL (
      SELECT s.evaluator_id, coalesce(floor(s.value * 1000 + 1e-6)::int, -1) AS bin, coalesce(s.passed::int, -1) AS passed
        FROM scores s JOIN evaluators e ON e.id = s.evaluator_id WHERE s.candidate_id = d.candidate_id AND s.error IS NULL
      UNION ALL
      SELECT ss.evaluator_id, ss.bin, ss.passed FROM insight_stash_scores ss WHERE d.gone AND ss.candidate_id = d.candidate_id) x
   GROUP BY 1, 2, 3, 4, 5 HAVING sum(d.sign) <> 0;
  INSERT INTO insight_stash_decisions SELECT candidate_id, verdict FROM insight_dstate WHERE gone AND sign < 0;
  DELETE FROM insight_dstate;
  DELETE FROM insight_ddelta;
  RETURN NULL;
END
$$;

CREATE TRIGGER "insight_decisions_insert" AFTER INSERT ON "decisions" REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION "insight_decisions_changed"();
CREATE TRIGGER "insight_decisions_update" AFTER UPDATE ON "decisions" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION "insight_decisions_changed"();
CREATE TRIGGER "insight_decisions_delete" AFTER DELETE ON "decisions" REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION "insight_decisions_changed"();

-- Score histograms by the candidate's final status, and judge spreads. Candidates this transaction
-- did not insert are locked first (see the decisions trigger). Scores of a deleted evaluator or
-- dataset are skipped: their cells went with it.
CREATE FUNCTION "insight_scores_changed"() RETURNS trigger LANGUAGE plpgsql
SET enable_hashjoin = on SET enable_mergejoin = on SET enable_nestloop = on SET enable_seqscan = on AS $$
BEGIN
  -- A bulk import into an empty dataset defers its summaries: it rebuilds them once before commit
  -- (lib/import/open-import-target.ts), which costs a fraction of applying every COPY batch here.
  IF current_setting('winnow.insight_deferred', true) = 'on' THEN RETURN NULL; END IF;
  PERFORM insight_scratch();
  IF TG_OP = 'INSERT' THEN
    INSERT INTO insight_sdelta
    SELECT 1, n.candidate_id, n.evaluator_id, n.value, n.error IS NULL, CASE WHEN n.raw IS NOT NULL THEN insight_spread(n.raw) END, n.passed FROM new_rows n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO insight_sdelta
    SELECT -1, o.candidate_id, o.evaluator_id, o.value, o.error IS NULL, CASE WHEN o.raw IS NOT NULL THEN insight_spread(o.raw) END, o.passed FROM old_rows o;
  ELSE
    INSERT INTO insight_sdelta
    SELECT x.* FROM old_rows o JOIN new_rows n ON n.id = o.id
     CROSS JOIN LATERAL (VALUES
       (-1, o.candidate_id, o.evaluator_id, o.value, o.error IS NULL, CASE WHEN o.raw IS NOT NULL THEN insight_spread(o.raw) END, o.passed),
       (1, n.candidate_id, n.evaluator_id, n.value, n.error IS NULL, CASE WHEN n.raw IS NOT NULL THEN insight_spread(n.raw) END, n.passed)) x
     WHERE ROW(o.candidate_id, o.evaluator_id, o.value, o.error IS NULL, o.raw, o.passed)
           IS DISTINCT FROM ROW(n.candidate_id, n.evaluator_id, n.value, n.error IS NULL, n.raw, n.passed);
  END IF;
  PERFORM 1 FROM candidates c
   WHERE c.id IN (SELECT candidate_id FROM insight_sdelta WHERE ok) AND NOT (c.xmin = xid(pg_current_xact_id()))
   ORDER BY c.id FOR NO KEY UPDATE;
  INSERT INTO insight_hist_cells
  SELECT e.dataset_id, d.evaluator_id, least(9, floor(d.value * 10 + 1e-9))::int, s.final_status, sum(d.sign)
    FROM insight_sdelta d JOIN evaluators e ON e.id = d.evaluator_id
    CROSS JOIN LATERAL (
      SELECT c.final_status::text AS final_status FROM candidates c WHERE c.id = d.candidate_id
      UNION ALL
      SELECT st.final_status FROM insight_stash st WHERE st.id = d.candidate_id AND NOT EXISTS (SELECT 1 FROM candidates c WHERE c.id = d.candidate_id)) s
   WHERE d.value IS NOT NULL AND d.ok
   GROUP BY 1, 2, 3, 4 HAVING sum(d.sign) <> 0;
  INSERT INTO insight_spread_cells
  SELECT e.dataset_id, d.evaluator_id, d.spread, sum(d.sign)
    FROM insight_sdelta d JOIN evaluators e ON e.id = d.evaluator_id
   WHERE d.spread IS NOT NULL
   GROUP BY 1, 2, 3 HAVING sum(d.sign) <> 0;
  -- With the decision of the candidate (or, for a candidate being deleted, the decision deleted with it).
  INSERT INTO insight_eval_reviewed_cells
  SELECT e.dataset_id, d.evaluator_id, coalesce(floor(d.value * 1000 + 1e-6)::int, -1), coalesce(d.passed::int, -1), v.verdict, sum(d.sign)
    FROM insight_sdelta d JOIN evaluators e ON e.id = d.evaluator_id
    CROSS JOIN LATERAL (
      SELECT dd.verdict::text AS verdict FROM decisions dd WHERE dd.candidate_id = d.candidate_id
      UNION ALL
      SELECT sd.verdict FROM insight_stash_decisions sd
       WHERE sd.candidate_id = d.candidate_id AND NOT EXISTS (SELECT 1 FROM candidates c WHERE c.id = d.candidate_id)) v
   WHERE d.ok
   GROUP BY 1, 2, 3, 4, 5 HAVING sum(d.sign) <> 0;
  IF TG_OP = 'DELETE' THEN
    INSERT INTO insight_stash_scores
    SELECT d.candidate_id, d.evaluator_id, coalesce(floor(d.value * 1000 + 1e-6)::int, -1), coalesce(d.passed::int, -1)
      FROM insight_sdelta d JOIN insight_stash st ON st.id = d.candidate_id
     WHERE d.ok AND NOT EXISTS (SELECT 1 FROM candidates c WHERE c.id = d.candidate_id);
  END IF;
  DELETE FROM insight_sdelta;
  RETURN NULL;
END
$$;

CREATE TRIGGER "insight_scores_insert" AFTER INSERT ON "scores" REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION "insight_scores_changed"();
CREATE TRIGGER "insight_scores_update" AFTER UPDATE ON "scores" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION "insight_scores_changed"();
CREATE TRIGGER "insight_scores_delete" AFTER DELETE ON "scores" REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION "insight_scores_changed"();

CREATE FUNCTION "insight_evaluators_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM insight_hist_cells WHERE evaluator_id IN (SELECT id FROM old_rows);
  DELETE FROM insight_spread_cells WHERE evaluator_id IN (SELECT id FROM old_rows);
  DELETE FROM insight_eval_reviewed_cells WHERE evaluator_id IN (SELECT id FROM old_rows);
  RETURN NULL;
END
$$;

CREATE TRIGGER "insight_evaluators_delete" AFTER DELETE ON "evaluators" REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION "insight_evaluators_deleted"();

CREATE FUNCTION "insight_datasets_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM insight_cost_cells WHERE dataset_id IN (SELECT id FROM old_rows);
  DELETE FROM insight_bin_cells WHERE dataset_id IN (SELECT id FROM old_rows);
  DELETE FROM insight_hist_cells WHERE dataset_id IN (SELECT id FROM old_rows);
  DELETE FROM insight_spread_cells WHERE dataset_id IN (SELECT id FROM old_rows);
  DELETE FROM insight_yield_cells WHERE dataset_id IN (SELECT id FROM old_rows);
  DELETE FROM insight_reviewed_cells WHERE dataset_id IN (SELECT id FROM old_rows);
  DELETE FROM insight_eval_reviewed_cells WHERE dataset_id IN (SELECT id FROM old_rows);
  DELETE FROM insight_yield_pairs WHERE dataset_id IN (SELECT id FROM old_rows);
  DELETE FROM insight_yield_prompts WHERE dataset_id IN (SELECT id FROM old_rows);
  RETURN NULL;
END
$$;

CREATE TRIGGER "insight_datasets_delete" AFTER DELETE ON "datasets" REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION "insight_datasets_deleted"();

-- The trigger functions set the join methods themselves: a writer may have turned some off for its
-- own statement (the verdict writer turns hash and merge joins off), and the old and new rows of a
-- large statement must be matched by hashing, not by a nested loop over both.
--
-- The import turns triggers off for its transaction (session_replication_role = replica, to skip the
-- per-row foreign-key checks): these must still fire, or the summaries would miss what it writes.
ALTER TABLE "candidates" ENABLE ALWAYS TRIGGER "insight_candidates_insert";
ALTER TABLE "candidates" ENABLE ALWAYS TRIGGER "insight_candidates_update";
ALTER TABLE "candidates" ENABLE ALWAYS TRIGGER "insight_candidates_delete";
ALTER TABLE "decisions" ENABLE ALWAYS TRIGGER "insight_decisions_insert";
ALTER TABLE "decisions" ENABLE ALWAYS TRIGGER "insight_decisions_update";
ALTER TABLE "decisions" ENABLE ALWAYS TRIGGER "insight_decisions_delete";
ALTER TABLE "scores" ENABLE ALWAYS TRIGGER "insight_scores_insert";
ALTER TABLE "scores" ENABLE ALWAYS TRIGGER "insight_scores_update";
ALTER TABLE "scores" ENABLE ALWAYS TRIGGER "insight_scores_delete";
ALTER TABLE "evaluators" ENABLE ALWAYS TRIGGER "insight_evaluators_delete";
ALTER TABLE "datasets" ENABLE ALWAYS TRIGGER "insight_datasets_delete";

-- Folds a dataset's delta rows into one row per key (rows appended meanwhile stay as they are).
CREATE FUNCTION "insight_compact"(ds integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH g AS (DELETE FROM insight_cost_cells WHERE dataset_id = ds RETURNING *)
  INSERT INTO insight_cost_cells
  SELECT dataset_id, run_id, model, final_status, sum(n), sum(prompt_tokens), sum(completion_tokens), sum(cost_usd), sum(costed)
    FROM g GROUP BY 1, 2, 3, 4
  HAVING sum(n) <> 0 OR sum(prompt_tokens) <> 0 OR sum(completion_tokens) <> 0 OR sum(cost_usd) <> 0 OR sum(costed) <> 0;
  WITH g AS (DELETE FROM insight_bin_cells WHERE dataset_id = ds RETURNING *)
  INSERT INTO insight_bin_cells SELECT dataset_id, bin, rank_key, sum(n) FROM g GROUP BY 1, 2, 3 HAVING sum(n) <> 0;
  WITH g AS (DELETE FROM insight_hist_cells WHERE dataset_id = ds RETURNING *)
  INSERT INTO insight_hist_cells SELECT dataset_id, evaluator_id, bin, final_status, sum(n) FROM g GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0;
  WITH g AS (DELETE FROM insight_spread_cells WHERE dataset_id = ds RETURNING *)
  INSERT INTO insight_spread_cells SELECT dataset_id, evaluator_id, spread, sum(n) FROM g GROUP BY 1, 2, 3 HAVING sum(n) <> 0;
  WITH g AS (DELETE FROM insight_yield_cells WHERE dataset_id = ds RETURNING *)
  INSERT INTO insight_yield_cells SELECT dataset_id, run_id, first_pass, max_index, sum(prompts) FROM g GROUP BY 1, 2, 3, 4 HAVING sum(prompts) <> 0;
  WITH g AS (DELETE FROM insight_reviewed_cells WHERE dataset_id = ds RETURNING *)
  INSERT INTO insight_reviewed_cells SELECT dataset_id, auto, verdict, cls, rank_key, bin, sum(n) FROM g GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(n) <> 0;
  WITH g AS (DELETE FROM insight_eval_reviewed_cells WHERE dataset_id = ds RETURNING *)
  INSERT INTO insight_eval_reviewed_cells SELECT dataset_id, evaluator_id, bin, passed, verdict, sum(n) FROM g GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0;
END
$$;

-- insight_rebuild(ds, lock_tables) recomputes every summary of a dataset from the base tables. Its
-- current version, with the same results, is lib/insight/sql/rebuild.sql (migration
-- insight_rebuild_parallel), the first one is in this migration's text.

SELECT insight_rebuild(id) FROM datasets;
