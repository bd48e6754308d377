// exact (gate): the candidate equals the expected text (the prompt's reference unless configured).
import { z } from 'zod';
import type { EvaluatorDefinition } from '../types';
import { clip, gateError, gateResult, referenceFieldSchema, referenceText } from './shared';

export const exactConfigSchema = z.strictObject(
  {
    expected: z.string({ error: 'must be a string' }).optional(),
    field: referenceFieldSchema,
    caseSensitive: z.boolean({ error: 'must be true or false' }).default(true),
    /** Compare with surrounding whitespace removed and inner runs collapsed. */
    normalizeWhitespace: z.boolean({ error: 'must be true or false' }).default(true),
  },
  { error: 'must be a JSON object' },
);
export type ExactConfig = z.output<typeof exactConfigSchema>;

function norm(s: string, c: ExactConfig) {
  const t = c.normalizeWhitespace ? s.replace(/\s+/g, ' ').trim() : s;
  return c.caseSensitive ? t : t.toLowerCase();
}

export const exactEvaluator: EvaluatorDefinition<ExactConfig> = {
  kind: 'exact',
  defaultRole: 'gate',
  configSchema: exactConfigSchema,
  promptsPerJob: 200,
  async evaluate({ prompt, candidates, config }) {
    const expected = config.expected ?? referenceText(prompt.reference, config.field);
    return candidates.map((c) => {
      if (expected === null) return gateError(c, 'no expected text (set config.expected or give the prompt a reference)');
      const passed = norm(c.content, config) === norm(expected, config);
      return gateResult(c, passed, passed ? 'equals the expected text' : `got "${clip(c.content)}", expected "${clip(expected)}"`);
    });
  },
};
