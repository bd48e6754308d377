-- DropIndex
DROP INDEX "candidates_prompt_id_idx";

-- DropIndex
DROP INDEX "candidates_run_id_prompt_id_sample_index_key";

-- CreateIndex
CREATE UNIQUE INDEX "candidates_prompt_id_run_id_sample_index_key" ON "candidates"("prompt_id", "run_id", "sample_index");
