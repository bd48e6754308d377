// contains (gate): the candidate contains the given text(s) (or, with negate, none of them).
import { z } from 'zod';
import type { EvaluatorDefinition } from '../types';
import { clip, gateError, gateResult, referenceFieldSchema, referenceText } from './shared';

export const containsConfigSchema = z.strictObject(
  {
    /** One text or several; absent = the prompt's reference. */
    text: z
      .union([z.string().min(1, { error: 'must not be empty' }), z.array(z.string().min(1, { error: 'must not be empty' })).min(1, { error: 'must list at least one text' })], {
        error: 'must be a string or a list of strings',
      })
      .optional(),
    field: referenceFieldSchema,
    /** With several texts: every one must appear (`all`) or one is enough (`any`). */
    match: z.enum(['any', 'all'], { error: 'must be "any" or "all"' }).default('all'),
    caseSensitive: z.boolean({ error: 'must be true or false' }).default(false),
    /** Pass when the text does NOT appear (e.g. a banned phrase). */
    negate: z.boolean({ error: 'must be true or false' }).default(false),
  },
  { error: 'must be a JSON object' },
);
export type ContainsConfig = z.output<typeof containsConfigSchema>;

export const containsEvaluator: EvaluatorDefinition<ContainsConfig> = {
  kind: 'contains',
  defaultRole: 'gate',
  configSchema: containsConfigSchema,
  promptsPerJob: 200,
  async evaluate({ prompt, candidates, config }) {
    const raw = config.text ?? referenceText(prompt.reference, config.field);
    const texts = raw === null ? null : Array.isArray(raw) ? raw : [raw];
    const fold = (s: string) => (config.caseSensitive ? s : s.toLowerCase());
    return candidates.map((c) => {
      if (!texts || texts.every((t) => !t)) return gateError(c, 'no text to look for (set config.text or give the prompt a reference)');
      const content = fold(c.content);
      const found = texts.filter((t) => content.includes(fold(t)));
      const missing = texts.filter((t) => !found.includes(t));
      const hit = config.match === 'all' ? missing.length === 0 : found.length > 0;
      const passed = config.negate ? found.length === 0 : hit;
      let reason: string;
      if (config.negate) reason = passed ? 'contains none of the banned texts' : `contains "${clip(found[0])}"`;
      else reason = passed ? `contains "${clip(found[0])}"` : `does not contain "${clip(missing[0] ?? texts[0])}"`;
      return gateResult(c, passed, reason);
    });
  },
};
