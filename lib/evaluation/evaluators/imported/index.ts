// imported (score): scores that came with the candidates (`scores: {name: value}` in an import
// record). The import writes them itself (lib/import/bulk-writer.ts: one evaluator of kind
// 'imported' per score name, one Score row per value), so there is nothing to compute here. The
// engine only calls evaluate() for candidates that lack such a row — generated candidates, or
// imported ones without that score — and each gets an error result saying so: the policy then leaves
// this evaluator out of their aggregate (and names it) instead of waiting for it forever.
import { z } from 'zod';
import type { EvalResult, EvaluatorDefinition } from '../types';

export const importedConfigSchema = z.strictObject(
  {
    /** The score's name in the import records (informational; the evaluator's name is what links them). */
    name: z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty').optional(),
  },
  { error: (issue) => (issue.code === 'invalid_type' ? 'must be a JSON object' : undefined) },
);

export type ImportedConfig = z.output<typeof importedConfigSchema>;

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
