// math-answer (gate): the candidate's final answer must equal the prompt's reference answer.
import { z } from 'zod';
import { verifyMathAnswer } from '../../math-answer/verify-math-answer';
import type { EvaluatorDefinition } from '../types';
import { gateError, gateResult, referenceFieldSchema, referenceText } from './shared';

export const mathAnswerConfigSchema = z.strictObject(
  {
    /** With an object reference: the key that holds the answer (default `answer`). */
    field: referenceFieldSchema,
    /** A fixed expected answer for every prompt instead of the prompt's reference. */
    expected: z.string({ error: 'must be a string' }).optional(),
  },
  { error: 'must be a JSON object' },
);
export type MathAnswerConfig = z.output<typeof mathAnswerConfigSchema>;

export const mathAnswerEvaluator: EvaluatorDefinition<MathAnswerConfig> = {
  kind: 'math-answer',
  defaultRole: 'gate',
  configSchema: mathAnswerConfigSchema,
  promptsPerJob: 200,
  async evaluate({ prompt, candidates, config }) {
    const reference = config.expected ?? referenceText(prompt.reference, config.field);
    return candidates.map((c) => {
      if (reference === null || !reference.trim()) return gateError(c, 'the prompt has no reference answer');
      const v = verifyMathAnswer(c.content, reference);
      if (!v.expected) return gateError(c, 'the reference has no answer');
      return gateResult(c, v.passed, v.reason, { got: v.got, expected: v.expected });
    });
  },
};
