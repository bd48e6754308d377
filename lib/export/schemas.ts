// Inputs of the export: format and filters (CLI options, the exports form, route queries).
import { z } from 'zod';

export const EXPORT_FORMATS = ['openai-chat', 'trl-sft', 'trl-dpo', 'openai-dpo', 'sharegpt', 'alpaca', 'raw'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const exportFormatSchema = z.enum(EXPORT_FORMATS, { error: `expected one of ${EXPORT_FORMATS.join('|')}` });

export const EXPORT_STATUSES = ['approved', 'accepted', 'all'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** `name=pass` / `name=fail`: keep candidates whose score from evaluator `name` passed / failed. */
export const evaluatorFilterSchema = z
  .string()
  .trim()
  .regex(/^[^=]+=(pass|fail)$/, { error: 'expected name=pass or name=fail' })
  .transform((s) => {
    const i = s.lastIndexOf('=');
    return { name: s.slice(0, i).trim(), pass: s.slice(i + 1) === 'pass' };
  });
export type EvaluatorFilter = { name: string; pass: boolean };

const optionalNumber = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : typeof v === 'string' ? Number(v) : v), schema.optional());

export const exportFiltersSchema = z.object({
  status: z.enum(EXPORT_STATUSES, { error: 'expected approved|accepted|all' }).default('accepted'),
  topK: optionalNumber(z.number({ error: 'expected a whole number ≥ 1' }).int({ error: 'expected a whole number ≥ 1' }).min(1, { error: 'expected a whole number ≥ 1' })),
  minScore: optionalNumber(z.number({ error: 'expected a number' }).finite({ error: 'expected a number' })),
  evaluators: z
    .preprocess((v) => (v == null || v === '' ? [] : Array.isArray(v) ? v : String(v).split(',').filter((s) => s.trim())), z.array(z.union([evaluatorFilterSchema, z.object({ name: z.string().min(1), pass: z.boolean() })])))
    .default([]),
  minMargin: optionalNumber(z.number({ error: 'expected a number ≥ 0' }).min(0, { error: 'expected a number ≥ 0' })),
  pairsPerPrompt: optionalNumber(z.number({ error: 'expected a whole number ≥ 1' }).int({ error: 'expected a whole number ≥ 1' }).min(1, { error: 'expected a whole number ≥ 1' })),
});
export type ExportFilters = z.output<typeof exportFiltersSchema>;
export type ExportFiltersInput = z.input<typeof exportFiltersSchema>;

export const exportRequestSchema = z.object({
  format: exportFormatSchema,
  filters: exportFiltersSchema.default(exportFiltersSchema.parse({})),
  parquet: z.boolean().default(false),
});
export type ExportRequest = z.output<typeof exportRequestSchema>;

/** The exports form and the count route: flat fields (strings from a form or a query string). */
export const exportFormSchema = z
  .object({
    datasetId: z.coerce.number({ error: 'dataset id must be a positive integer' }).int().positive({ error: 'dataset id must be a positive integer' }),
    format: exportFormatSchema,
    status: z.enum(EXPORT_STATUSES).default('accepted'),
    topK: z.unknown().optional(),
    minScore: z.unknown().optional(),
    evaluators: z.unknown().optional(),
    minMargin: z.unknown().optional(),
    pairsPerPrompt: z.unknown().optional(),
    parquet: z.preprocess((v) => v === true || v === 'true' || v === 'on' || v === '1', z.boolean()).default(false),
  })
  .transform((v, ctx) => {
    const filters = exportFiltersSchema.safeParse({
      status: v.status,
      topK: v.topK,
      minScore: v.minScore,
      evaluators: v.evaluators,
      minMargin: v.minMargin,
      pairsPerPrompt: v.pairsPerPrompt,
    });
    if (!filters.success) {
      for (const issue of filters.error.issues) ctx.addIssue({ ...issue, code: 'custom', message: issue.message });
      return z.NEVER;
    }
    return { datasetId: v.datasetId, request: { format: v.format, filters: filters.data, parquet: v.parquet } satisfies ExportRequest };
  });
export type ExportFormInput = z.input<typeof exportFormSchema>;

export const exportIdSchema = z.coerce.number({ error: 'export id must be a positive integer' }).int().positive({ error: 'export id must be a positive integer' });
export const exportDiffSchema = z.object({ a: exportIdSchema, b: exportIdSchema });

/** The browser's handle on a running export (progress polling): a random id it made up. */
export const exportTokenSchema = z.string({ error: 'token required' }).regex(/^[\w-]{16,64}$/, { error: 'token must be 16-64 letters, digits, - or _' });
