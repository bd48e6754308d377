import { z } from 'zod';

// Parameters of a generation run, shared by the CLI, the UI form and startGenerationRun(). Form
// values arrive as strings ('' = not given), so numbers are coerced and blanks dropped.

const blank = (v: unknown) => (v === '' || v === null ? undefined : v);
const optionalNumber = (schema: z.ZodNumber) => z.preprocess(blank, z.coerce.number().pipe(schema).optional());
const flag = z.preprocess((v) => v === true || v === 'true' || v === 'on' || v === '1', z.boolean());

export const generationParamsSchema = z.object({
  n: z.preprocess(blank, z.coerce.number().int('n must be a whole number.').min(1, 'n is at least 1.').max(128, 'n is at most 128.')),
  temperature: optionalNumber(z.number().min(0).max(2)),
  topP: optionalNumber(z.number().gt(0).max(1)),
  maxTokens: optionalNumber(z.number().int().min(1).max(1_000_000)),
  seed: optionalNumber(z.number().int().min(-(2 ** 53)).max(2 ** 53)),
  system: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().max(100_000).optional()),
  onlyUnsolved: flag.default(false),
  /** OpenAI Batch API: half price, results within 24 h. */
  batch: flag.default(false),
  /** Per-request timeout. */
  timeoutMs: optionalNumber(z.number().int().min(100).max(3_600_000)),
  /** Attempts per request before a sample is failed for good (retryable errors only). */
  maxAttempts: optionalNumber(z.number().int().min(1).max(20)),
});

export const startRunInputSchema = generationParamsSchema.extend({
  datasetId: z.coerce.number().int().positive(),
  endpointId: z.coerce.number().int().positive(),
  createdById: z.string().optional(),
});

export type GenerationParamsInput = z.input<typeof generationParamsSchema>;
export type StartRunInput = z.input<typeof startRunInputSchema>;

/** What is stored in generation_runs.params (snake_case for the sampling knobs, as the API names them). */
export interface RunParams {
  n: number;
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  seed?: number;
  system?: string;
  onlyUnsolved: boolean;
  batch: boolean;
  timeoutMs: number;
  maxAttempts: number;
}

export const DEFAULT_TIMEOUT_MS = 120_000;
export const DEFAULT_MAX_ATTEMPTS = 6;

export function toRunParams(p: z.output<typeof generationParamsSchema>): RunParams {
  const out: RunParams = {
    n: p.n,
    onlyUnsolved: p.onlyUnsolved,
    batch: p.batch,
    timeoutMs: p.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxAttempts: p.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
  };
  if (p.temperature !== undefined) out.temperature = p.temperature;
  if (p.topP !== undefined) out.top_p = p.topP;
  if (p.maxTokens !== undefined) out.max_tokens = p.maxTokens;
  if (p.seed !== undefined) out.seed = p.seed;
  if (p.system !== undefined) out.system = p.system;
  return out;
}

/** Reads params back from the JSON column, tolerating runs written by older code. */
export function readRunParams(json: unknown): RunParams {
  const o = (json ?? {}) as Partial<RunParams>;
  return {
    ...o,
    n: Number(o.n ?? 1),
    onlyUnsolved: Boolean(o.onlyUnsolved),
    batch: Boolean(o.batch),
    timeoutMs: Number(o.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    maxAttempts: Number(o.maxAttempts ?? DEFAULT_MAX_ATTEMPTS),
  };
}
