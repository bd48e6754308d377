// One zod schema per input of the evaluation domain (server actions, route handlers, CLI).
import { z } from 'zod';

const id = z.coerce.number({ error: 'must be a number' }).int().positive();

/** Config arrives as JSON text (forms, CLI) or as an object (code). Empty text = {}. */
const configJson = z.preprocess(
  (v) => {
    if (typeof v !== 'string') return v ?? {};
    if (!v.trim()) return {};
    try {
      return JSON.parse(v) as unknown;
    } catch (e) {
      return { __invalidJson: (e as Error).message };
    }
  },
  z.unknown().superRefine((v, ctx) => {
    if (v && typeof v === 'object' && '__invalidJson' in v) ctx.addIssue({ code: 'custom', message: `is not valid JSON: ${(v as { __invalidJson: string }).__invalidJson}` });
    else if (!v || typeof v !== 'object' || Array.isArray(v)) ctx.addIssue({ code: 'custom', message: 'must be a JSON object' });
  }),
);

const name = z
  .string()
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(64, { error: 'must be at most 64 characters' })
  .regex(/^[\w.:-]+$/, { error: 'may contain letters, digits, and . _ : - only' });
const role = z.enum(['gate', 'score'], { error: 'must be gate or score' });
const weight = z.coerce.number({ error: 'must be a number' }).min(0, { error: 'must be ≥ 0' }).max(1000, { error: 'must be ≤ 1000' });
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

export const addEvaluatorSchema = z.object({
  datasetId: id,
  kind: z.string().trim().min(1, { error: 'choose a kind' }),
  /** Defaults to the kind. */
  name: z.preprocess(blankToUndefined, name.optional()),
  /** Defaults to the kind's role. */
  role: z.preprocess(blankToUndefined, role.optional()),
  /** Defaults to the kind's weight (1 for most, 0 for dedupe). */
  weight: z.preprocess(blankToUndefined, weight.optional()),
  config: configJson,
});
export type AddEvaluatorInput = z.input<typeof addEvaluatorSchema>;

export const updateEvaluatorSchema = z.object({
  id,
  name: z.preprocess(blankToUndefined, name.optional()),
  role: z.preprocess(blankToUndefined, role.optional()),
  weight: z.preprocess(blankToUndefined, weight.optional()),
  config: z.preprocess(blankToUndefined, configJson.optional()),
});
export type UpdateEvaluatorInput = z.input<typeof updateEvaluatorSchema>;

export const evaluatorIdSchema = z.object({ id });
export const datasetIdSchema = z.object({ datasetId: id });

const unit = z.coerce.number({ error: 'must be a number' }).min(0, { error: 'must be between 0 and 1' }).max(1, { error: 'must be between 0 and 1' });
const bool = z.preprocess((v) => (v === 'true' || v === 'on' ? true : v === 'false' ? false : v), z.boolean({ error: 'must be true or false' }));

/** A policy change: only the fields given change; the rest keep their stored values. */
export const updatePolicySchema = z.object({
  datasetId: id,
  threshold: z.preprocess(blankToUndefined, unit.optional()),
  topK: z.preprocess(blankToUndefined, z.coerce.number({ error: 'must be a whole number ≥ 0' }).int({ error: 'must be a whole number ≥ 0' }).min(0, { error: 'must be a whole number ≥ 0' }).optional()),
  /** 'all' or evaluator names (an array, or comma-separated text). */
  gates: z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim() === 'all' ? 'all' : v.split(',').map((s) => s.trim()).filter(Boolean)) : v),
    z.union([z.literal('all'), z.array(z.string().min(1))], { error: 'must be "all" or evaluator names' }).optional(),
  ),
  requireScore: z.preprocess(blankToUndefined, bool.optional()),
  dedupe: z.preprocess(blankToUndefined, bool.optional()),
  judgeAgreeThreshold: z.preprocess(blankToUndefined, unit.optional()),
});
export type UpdatePolicyInput = z.input<typeof updatePolicySchema>;
