// The llm-judge evaluator's config (Evaluator.config JSON). Only `endpoint` is required.
import { z } from 'zod';

/** "must be a JSON object" for a non-object; zod's own message (naming the key) for an unknown key. */
export function objectError(issue: { code?: string }): string | undefined {
  return issue.code === 'invalid_type' ? 'must be a JSON object' : undefined;
}

const PLACEHOLDERS = {
  single: ['{answer}'],
  pairwise: ['{answer_a}', '{answer_b}'],
} as const;

export const llmJudgeConfigSchema = z
  .strictObject(
    {
      /** Name of the endpoint (Settings → Endpoints) that serves the judge model. */
      endpoint: z.string({ error: 'name the endpoint that serves the judge model' }).trim().min(1, 'name the endpoint that serves the judge model'),
      /** single: grade each candidate on 1…scale; pairwise: compare candidates two at a time. */
      mode: z.enum(['single', 'pairwise'], { error: 'must be "single" or "pairwise"' }).default('single'),
      /** Top of the rating scale (bottom is 1). MT-bench uses 10. */
      scale: z.number({ error: 'must be a whole number from 2 to 100' }).int('must be a whole number from 2 to 100').min(2, 'must be at least 2').max(100, 'must be at most 100').default(10),
      /** Replaces the evaluation criteria sentence(s) of the MT-bench instruction. */
      rubric: z.string().trim().min(1, 'must not be empty').max(4000, 'must be at most 4,000 characters').optional(),
      /**
       * Replaces the whole user message. Placeholders: {question}, {reference}, {scale} and {answer}
       * (single) or {answer_a}, {answer_b} (pairwise).
       */
      template: z.string().trim().min(1, 'must not be empty').max(20_000, 'must be at most 20,000 characters').optional(),
      /** Show the prompt's reference answer to the judge when it has one (MT-bench "math" prompts). */
      useReference: z.boolean({ error: 'must be true or false' }).default(true),
      temperature: z.number({ error: 'must be a number from 0 to 2' }).min(0, 'must be at least 0').max(2, 'must be at most 2').default(0),
      maxTokens: z.number({ error: 'must be a whole number' }).int('must be a whole number').min(16, 'must be at least 16').max(32_768, 'must be at most 32,768').default(1024),
      /** Ask for {rationale, score} via response_format json_schema; falls back to text when the endpoint refuses it. */
      structuredOutput: z.boolean({ error: 'must be true or false' }).default(true),
      /** Per-request timeout. */
      timeoutMs: z.number({ error: 'must be a number of milliseconds' }).int('must be whole milliseconds').min(1000, 'must be at least 1,000').max(600_000, 'must be at most 600,000').default(60_000),
      /** Attempts per judge request (transient errors only: 408, 409, 429, 5xx, timeouts). */
      maxAttempts: z.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(10, 'must be at most 10').default(4),
      /** Judge requests in flight at once from one worker. */
      concurrency: z.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(64, 'must be at most 64').default(4),
      /** Requests per minute to the judge endpoint from one worker (none = no pacing beyond concurrency). */
      rpm: z.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(1_000_000, 'too large').nullable().default(null),
      /** Pairwise: most pairs judged per prompt (each pair is judged twice, in both orders). */
      maxPairs: z.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(500, 'must be at most 500').default(20),
    },
    { error: objectError },
  )
  .superRefine((c, ctx) => {
    if (!c.template) return;
    for (const p of PLACEHOLDERS[c.mode]) {
      if (!c.template.includes(p)) ctx.addIssue({ code: 'custom', path: ['template'], message: `must contain ${p} in ${c.mode} mode` });
    }
  });

export type LlmJudgeConfig = z.output<typeof llmJudgeConfigSchema>;
export type LlmJudgeConfigInput = z.input<typeof llmJudgeConfigSchema>;
