-- A whole-dataset policy re-derivation updates the first passing sample of most (prompt, run) and
-- prompt yield rows in place (lib/evaluation/rederive/verdict-writer.ts). Keep half of each page of
-- these narrow tables free so such an update is HOT: a new row version on the same page and no new
-- primary-key entry. Applies to pages written from now on.
ALTER TABLE "insight_yield_pairs" SET (fillfactor = 50);
ALTER TABLE "insight_yield_prompts" SET (fillfactor = 50);
