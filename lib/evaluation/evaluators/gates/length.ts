// length (gate): the candidate's length in characters or tokens lies within [min, max].
import { z } from 'zod';
import type { EvalCandidate, EvaluatorDefinition } from '../types';
import { gateResult } from './shared';

const bound = z.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }).min(0, { error: 'must be ≥ 0' });

export const lengthConfigSchema = z
  .strictObject(
    {
      min: bound.optional(),
      max: bound.optional(),
      /** tokens: the provider's completion token count when known, else an estimate (words and symbols). */
      unit: z.enum(['chars', 'tokens'], { error: 'must be "chars" or "tokens"' }).default('chars'),
    },
    { error: 'must be a JSON object' },
  )
  .superRefine((c, ctx) => {
    if (c.min === undefined && c.max === undefined) ctx.addIssue({ code: 'custom', path: ['max'], message: 'set min, max or both' });
    if (c.min !== undefined && c.max !== undefined && c.min > c.max) ctx.addIssue({ code: 'custom', path: ['min'], message: 'must not be greater than max' });
  });
export type LengthConfig = z.output<typeof lengthConfigSchema>;

/** A rough token count when the provider gave none: words, numbers and single symbols. */
export function estimateTokens(text: string): number {
  return text.match(/[A-Za-z]+|\d{1,3}|[^\sA-Za-z\d]/g)?.length ?? 0;
}

export function measureLength(c: EvalCandidate, unit: LengthConfig['unit']): { n: number; estimated: boolean } {
  if (unit === 'chars') return { n: [...c.content].length, estimated: false };
  if (c.completionTokens != null) return { n: c.completionTokens, estimated: false };
  return { n: estimateTokens(c.content), estimated: true };
}

export const lengthEvaluator: EvaluatorDefinition<LengthConfig> = {
  kind: 'length',
  defaultRole: 'gate',
  configSchema: lengthConfigSchema,
  promptsPerJob: 200,
  async evaluate({ candidates, config }) {
    return candidates.map((c) => {
      const { n, estimated } = measureLength(c, config.unit);
      const what = `${n.toLocaleString('en-US')} ${config.unit}${estimated ? ' (estimated)' : ''}`;
      if (config.min !== undefined && n < config.min) return gateResult(c, false, `${what}, fewer than the minimum ${config.min}`, { length: n });
      if (config.max !== undefined && n > config.max) return gateResult(c, false, `${what}, more than the maximum ${config.max}`, { length: n });
      return gateResult(c, true, `${what}, within limits`, { length: n });
    });
  },
};
