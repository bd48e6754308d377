-- AlterTable
ALTER TABLE "prompts" ADD COLUMN     "review_note" TEXT,
ADD COLUMN     "uncertainty" DOUBLE PRECISION NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "candidates" ADD COLUMN     "review_version" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "audit_logs" ADD COLUMN     "batch_id" TEXT;

-- CreateIndex
CREATE INDEX "prompts_review_queue_idx" ON "prompts"("dataset_id", "uncertainty" DESC, "id");

-- CreateIndex
CREATE INDEX "audit_logs_batch_id_idx" ON "audit_logs"("batch_id");

-- Review queue priority (lib/review/uncertainty.ts computes the same figure, a test checks they agree).
-- Higher = more worth a look: no accepted candidate but the best is near the threshold, a small
-- margin between the top two, a gate and a judge disagree, an inconsistent pairwise verdict.
-- NOTE: the migration runner splits scripts on every semicolon (adapter-pg executeScript), so no
-- comment or body below may contain one: the plpgsql bodies are E-strings with \073 for it.
CREATE FUNCTION "review_uncertainty"(accepted integer, top double precision, margin double precision, flags text[], threshold double precision)
RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT 0.4 * CASE WHEN accepted = 0 AND top IS NOT NULL THEN greatest(0, 1 - abs(top - threshold) / 0.25) ELSE 0 END
       + 0.25 * CASE WHEN margin IS NOT NULL THEN greatest(0, 1 - greatest(margin, 0) / 0.2) ELSE 0 END
       + 0.2 * CASE WHEN 'gate-judge-disagree' = ANY (flags) THEN 1 ELSE 0 END
       + 0.15 * CASE WHEN 'pairwise-inconsistent' = ANY (flags) THEN 1 ELSE 0 END
$$;

-- The threshold of a dataset policy as the policy core reads it (0.5 when unset or not a number).
CREATE FUNCTION "review_threshold"(policy jsonb)
RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN jsonb_typeof(policy -> 'threshold') = 'number' THEN (policy ->> 'threshold')::double precision ELSE 0.5 END
$$;

CREATE FUNCTION "prompts_set_uncertainty"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  NEW.uncertainty := review_uncertainty(NEW.accepted_count, NEW.top_score, NEW.margin, NEW.flags,
    coalesce((SELECT review_threshold(d.policy) FROM datasets d WHERE d.id = NEW.dataset_id), 0.5))\073
  RETURN NEW\073
END
';

-- New prompts have no derived fields yet (uncertainty 0 = the column default), so only updates matter.
CREATE TRIGGER "prompts_uncertainty" BEFORE UPDATE OF accepted_count, top_score, margin, flags ON "prompts"
FOR EACH ROW WHEN (OLD.accepted_count IS DISTINCT FROM NEW.accepted_count OR OLD.top_score IS DISTINCT FROM NEW.top_score
  OR OLD.margin IS DISTINCT FROM NEW.margin OR OLD.flags IS DISTINCT FROM NEW.flags)
EXECUTE FUNCTION "prompts_set_uncertainty"();

CREATE FUNCTION "datasets_refresh_uncertainty"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  UPDATE prompts p SET uncertainty = review_uncertainty(p.accepted_count, p.top_score, p.margin, p.flags, review_threshold(NEW.policy))
  WHERE p.dataset_id = NEW.id\073
  RETURN NULL\073
END
';

CREATE TRIGGER "datasets_uncertainty" AFTER UPDATE OF policy ON "datasets"
FOR EACH ROW WHEN (review_threshold(OLD.policy) IS DISTINCT FROM review_threshold(NEW.policy))
EXECUTE FUNCTION "datasets_refresh_uncertainty"();
