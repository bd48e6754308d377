// The reward-model evaluator's config (Evaluator.config JSON): where to POST, what to send, where the
// score is in the answer, and how to map it to 0..1. Defaults follow vLLM's score API
// (POST /score {model, text_1, text_2: [...]} → {data: [{score}]}).
import { z } from 'zod';
import { normalizeSchema } from './normalize-score';
import { parsePath } from './read-path';

export const DEFAULT_REQUEST = { model: '{{model}}', text_1: '{{prompt}}', text_2: '{{candidates}}' };

const httpUrl = z
  .string({ error: 'must be an http(s) URL' })
  .trim()
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password;
    } catch {
      return false;
    }
  }, 'must be an http:// or https:// URL without credentials (use apiKeyEnv for a key)');

function mentions(value: unknown, token: string): boolean {
  return JSON.stringify(value).includes(token);
}

export const rewardModelConfigSchema = z
  .strictObject(
    {
      url: httpUrl,
      /** Substituted for {{model}}. */
      model: z.string({ error: 'must be a string' }).trim().default(''),
      /** true: one request per prompt with {{candidates}} (an array); false: one per candidate with {{candidate}}. */
      batch: z.boolean({ error: 'must be true or false' }).default(true),
      /** JSON body; string values may use {{prompt}}, {{model}}, {{reference}}, {{candidate}}; "{{candidates}}" and "{{messages}}" alone become arrays. */
      request: z.record(z.string(), z.unknown(), { error: 'must be a JSON object (the request body)' }).default(DEFAULT_REQUEST),
      /** Where the score is in the answer: "data[*].score" (one per candidate, batch) or "score", "rewards[0]" … */
      responsePath: z
        .string({ error: 'must be a path such as data[*].score' })
        .trim()
        .default('data[*].score')
        .refine((p) => parsePath(p) !== null, 'must be a path such as data[*].score, scores or outputs[0].reward'),
      normalize: normalizeSchema.default({ kind: 'sigmoid', center: 0, temperature: 1 }),
      /** Name of the environment variable holding a bearer token (the value is never stored). */
      apiKeyEnv: z.string().trim().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name').nullable().default(null),
      timeoutMs: z.number({ error: 'must be a number of milliseconds' }).int('must be whole milliseconds').min(100, 'must be at least 100').max(600_000, 'must be at most 600,000').default(30_000),
      maxAttempts: z.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(10, 'must be at most 10').default(4),
      /** Requests in flight at once (per-candidate mode). */
      concurrency: z.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(64, 'must be at most 64').default(4),
    },
    { error: (issue) => (issue.code === 'invalid_type' ? 'must be a JSON object' : undefined) },
  )
  .superRefine((c, ctx) => {
    const token = c.batch ? '"{{candidates}}"' : '{{candidate}}';
    if (!mentions(c.request, token)) ctx.addIssue({ code: 'custom', path: ['request'], message: `must contain ${c.batch ? '"{{candidates}}" as a value' : '{{candidate}}'} when batch is ${c.batch}` });
    const star = c.responsePath.includes('[*]');
    if (c.batch && !star) ctx.addIssue({ code: 'custom', path: ['responsePath'], message: 'must contain [*] (one score per candidate) when batch is true' });
    if (!c.batch && star) ctx.addIssue({ code: 'custom', path: ['responsePath'], message: 'must name a single number (no [*]) when batch is false' });
  });

export type RewardModelConfig = z.output<typeof rewardModelConfigSchema>;
export type { NormalizeConfig } from './normalize-score';
