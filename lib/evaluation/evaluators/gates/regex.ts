// regex (gate): the candidate matches a regular expression (or, with negate, does not).
import { z } from 'zod';
import type { EvaluatorDefinition } from '../types';
import { clip, gateResult } from './shared';

/** Longer candidates are cut before matching: bounds the cost of a pathological pattern. */
const MAX_INPUT = 200_000;

export const regexConfigSchema = z
  .strictObject(
    {
      pattern: z.string({ error: 'is required: a regular expression' }).min(1, { error: 'must not be empty' }),
      flags: z
        .string({ error: 'must be a string of regex flags' })
        .regex(/^[imsu]*$/, { error: 'may only contain the flags i, m, s, u' })
        .default(''),
      /** The whole candidate (trimmed) must match, not just a part of it. */
      fullMatch: z.boolean({ error: 'must be true or false' }).default(false),
      /** Pass when the pattern does NOT match. */
      negate: z.boolean({ error: 'must be true or false' }).default(false),
    },
    { error: 'must be a JSON object' },
  )
  .superRefine((c, ctx) => {
    try {
      new RegExp(c.pattern, c.flags);
    } catch (e) {
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: `is not a valid regular expression: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}` });
    }
  });
export type RegexConfig = z.output<typeof regexConfigSchema>;

export const regexEvaluator: EvaluatorDefinition<RegexConfig> = {
  kind: 'regex',
  defaultRole: 'gate',
  configSchema: regexConfigSchema,
  promptsPerJob: 200,
  async evaluate({ candidates, config }) {
    const re = new RegExp(config.fullMatch ? `^(?:${config.pattern})$` : config.pattern, config.flags);
    return candidates.map((c) => {
      const text = config.fullMatch ? c.content.trim() : c.content;
      const m = re.exec(text.length > MAX_INPUT ? text.slice(0, MAX_INPUT) : text);
      const passed = config.negate ? m === null : m !== null;
      const reason = m ? `matched /${clip(config.pattern, 40)}/ at "${clip(m[0], 40)}"` : `no match for /${clip(config.pattern, 40)}/`;
      return gateResult(c, passed, reason, m ? { match: m[0].slice(0, 200) } : undefined);
    });
  },
};
