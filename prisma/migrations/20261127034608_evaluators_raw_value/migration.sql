-- AlterTable
ALTER TABLE "scores" ADD COLUMN     "raw_value" DOUBLE PRECISION;

-- Backfill: imported scores were stored raw in "value", so that number becomes raw_value and the
-- imported kind's default normalisation applies ("none": values in 0..1 stay, others become an error
-- that asks for a normalize config). Reward-model scores kept theirs in raw.score.
UPDATE "scores" s SET "raw_value" = s."value",
       "value" = CASE WHEN s."value" BETWEEN 0 AND 1 THEN s."value" END,
       "error" = CASE WHEN s."value" BETWEEN 0 AND 1 THEN NULL
                 ELSE 'imported score ' || s."value"::text || ' is outside 0..1: set the evaluator''s config.normalize (e.g. {"kind": "min-max", "min": -5, "max": 5} or "sigmoid")' END
  FROM "evaluators" e
 WHERE e."id" = s."evaluator_id" AND e."kind" = 'imported' AND s."value" IS NOT NULL AND s."raw_value" IS NULL;

UPDATE "scores" s SET "raw_value" = (s."raw"->>'score')::float8
  FROM "evaluators" e
 WHERE e."id" = s."evaluator_id" AND e."kind" = 'reward-model' AND jsonb_typeof(s."raw"->'score') = 'number' AND s."raw_value" IS NULL;
