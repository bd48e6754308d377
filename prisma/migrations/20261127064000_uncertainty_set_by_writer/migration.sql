-- The verdict writer (lib/evaluation/rederive/verdict-writer.ts) computes prompts.uncertainty in its
-- own UPDATE, set-based, and says so with the transaction-local setting winnow.uncertainty_written.
-- The per-row trigger cost several times the rest of that update (a plpgsql call running a subquery
-- on datasets for every prompt), so it is skipped then. Any other writer of accepted_count,
-- top_score, margin or flags still gets uncertainty filled in by the trigger.
DROP TRIGGER "prompts_uncertainty" ON "prompts";

CREATE TRIGGER "prompts_uncertainty" BEFORE UPDATE OF accepted_count, top_score, margin, flags ON "prompts"
FOR EACH ROW WHEN ((OLD.accepted_count IS DISTINCT FROM NEW.accepted_count OR OLD.top_score IS DISTINCT FROM NEW.top_score
  OR OLD.margin IS DISTINCT FROM NEW.margin OR OLD.flags IS DISTINCT FROM NEW.flags)
  AND current_setting('winnow.uncertainty_written', true) IS DISTINCT FROM 'on')
EXECUTE FUNCTION "prompts_set_uncertainty"();
