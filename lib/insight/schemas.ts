import { z } from 'zod';

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const unit = z.coerce.number({ error: 'must be a number between 0 and 1' }).min(0, { error: 'must be between 0 and 1' }).max(1, { error: 'must be between 0 and 1' });

/** Options of a stats read (page search params, route query, CLI flags). */
export const statsQuerySchema = z.object({
  /** Suggest the lowest threshold whose auto-accepts reach this precision, instead of best agreement. */
  targetPrecision: z.preprocess(blankToUndefined, unit.optional()),
  /** Recompute the figures from the base tables instead of reading the maintained summaries. */
  fresh: z.preprocess((v) => v === '1' || v === 'true' || v === true, z.boolean()).optional(),
});
export type StatsQuery = z.output<typeof statsQuerySchema>;

/** Apply a suggested threshold to a dataset's policy. */
export const applyThresholdSchema = z.object({
  datasetId: z.coerce.number({ error: 'must be a dataset id' }).int().positive({ error: 'must be a dataset id' }),
  threshold: unit,
});
export type ApplyThresholdInput = z.input<typeof applyThresholdSchema>;
