-- DropIndex
DROP INDEX "candidates_prompt_id_rank_idx";

-- DropIndex
DROP INDEX "candidates_dataset_id_final_status_idx";

-- CreateIndex
CREATE INDEX "candidates_prompt_id_idx" ON "candidates"("prompt_id");

-- Policy re-derivation rewrites aggregate, auto_verdict, verdict_reason, rank and final_status of
-- every candidate it changes. With none of those columns indexed, such an update can be HOT (a new
-- row version on the same page, no index entries), provided the page has room: keep 10 % of each
-- page free for that. Applies to pages written from now on (existing rows are not moved).
ALTER TABLE "candidates" SET (fillfactor = 90);
