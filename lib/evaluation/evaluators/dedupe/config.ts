// The dedupe evaluator's config (Evaluator.config JSON). Every field has a default.
import { z } from 'zod';

export const dedupeConfigSchema = z.strictObject(
  {
    /** Word-shingle Jaccard similarity at or above which a candidate is a near-duplicate (0 < t ≤ 1). */
    threshold: z.number({ error: 'must be a number between 0 and 1' }).gt(0, 'must be greater than 0').max(1, 'must be at most 1').default(0.9),
    /** Words per shingle. */
    shingleSize: z.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(10, 'must be at most 10').default(3),
    /** MinHash signature length (more = a sharper pre-filter, slower). */
    numHashes: z.number({ error: 'must be a whole number' }).int('must be a whole number').min(16, 'must be at least 16').max(1024, 'must be at most 1,024').default(128),
    /** Look for near-duplicates at all (false: exact duplicates only). */
    near: z.boolean({ error: 'must be true or false' }).default(true),
    /** Group candidates by their final answer (math-answer extraction) and store it in raw. */
    answers: z.boolean({ error: 'must be true or false' }).default(true),
  },
  { error: (issue) => (issue.code === 'invalid_type' ? 'must be a JSON object' : undefined) },
);

export type DedupeConfig = z.output<typeof dedupeConfigSchema>;
