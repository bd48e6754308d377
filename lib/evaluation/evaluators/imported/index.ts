// imported (score): scores that came with the candidates (`scores: {name: value}` in an import
// record). The import writes them itself (lib/import/bulk-writer.ts: one evaluator of kind
// 'imported' per score name, one Score row per value: the number as raw_value, and value = that
// number normalised by this evaluator's config.normalize — see importedNormalizer). There is nothing
// to compute here: the engine only calls evaluate() for candidates that lack such a row — generated
// candidates, or imported ones without that score — and each gets an error result saying so: the
// policy then leaves this evaluator out of their aggregate (and names it) instead of waiting forever.
// Changing config.normalize re-normalises the stored raw values (lib/evaluation/renormalize-scores);
// the scores are never deleted, since they cannot be computed again.
import { z } from 'zod';
import { normalizeSchema, normalizeScore } from '../reward-model/normalize-score';
import type { EvalResult, EvaluatorDefinition } from '../types';

/** Default: values must already be 0..1 (they are kept as they are); others are errors asking for a normalize config. */
export const IMPORTED_DEFAULT_NORMALIZE = { kind: 'none' } as const;

export const importedConfigSchema = z.strictObject(
  {
    /** The score's name in the import records (informational; the evaluator's name is what links them). */
    name: z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty').optional(),
    /** How the imported number maps to 0..1: "none" (already 0..1), {"min": …, "max": …} (clamped linear) or "sigmoid". */
    normalize: normalizeSchema.default(IMPORTED_DEFAULT_NORMALIZE),
  },
  { error: (issue) => (issue.code === 'invalid_type' ? 'must be a JSON object' : undefined) },
);

export type ImportedConfig = z.output<typeof importedConfigSchema>;

export type ScoreNormalizer = (raw: number) => { value: number | null; error: string | null };

/**
 * How the import turns one raw number into the stored value for an evaluator (by its kind and
 * config). An `imported` evaluator uses its config.normalize; an invalid config, or another kind
 * that happens to share the score's name, uses the default ("none"). Pure.
 */
export function importedNormalizer(kind: string, config: unknown): ScoreNormalizer {
  const parsed = kind === 'imported' ? importedConfigSchema.safeParse(config ?? {}) : null;
  const n = parsed?.success ? parsed.data.normalize : IMPORTED_DEFAULT_NORMALIZE;
  return (raw) => {
    const r = normalizeScore(raw, n, 'imported');
    return r.ok ? { value: r.value, error: null } : { value: null, error: r.error };
  };
}

export const importedEvaluator: EvaluatorDefinition<ImportedConfig> = {
  kind: 'imported',
  defaultRole: 'score',
  configSchema: importedConfigSchema,
  promptsPerJob: 500,
  async evaluate({ candidates, config }): Promise<EvalResult[]> {
    const what = config.name ? `"${config.name}"` : 'for this evaluator';
    return candidates.map((c) => ({
      candidateId: c.id,
      value: null,
      passed: null,
      error: `no imported score ${what}: it only comes with imported candidates (scores: {name: value}); import them again to add it`,
    }));
  },
};
