// The import record contract (DESIGN.md "Import record") and the upload form, as zod schemas.
// Messages are written for people fixing a file: `field "messages[1].role": expected one of …`.
import { z } from 'zod';

const nonEmpty = (s: string) => s.trim().length > 0;

export const chatMessageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant'], { error: 'expected one of system|user|assistant' }),
  content: z.string({ error: 'expected a string' }),
});

const messagesSchema = z
  .array(chatMessageSchema, { error: 'expected an array of {role, content} messages' })
  .min(1, { error: 'expected at least one message', abort: true })
  .refine((ms) => ms.some((m) => m.role === 'user'), { error: 'expected at least one message with role "user"' });

/** `{name: value}`; a null value means "no score" (Parquet structs fill missing fields with null). */
const scoresSchema = z.record(
  z.string().min(1, { error: 'score names must not be empty' }),
  z.number({ error: 'expected a finite number' }).nullable(),
  { error: 'expected an object {name: number}' },
);

const candidateObjectSchema = z.object(
  {
    content: z.string({ error: 'expected a string' }),
    model: z.string({ error: 'expected a string' }).nullish(),
    scores: scoresSchema.nullish(),
  },
  { error: 'expected a string or an object {content, model?, scores?}' },
);

/** A candidate is a string (its content) or {content, model?, scores?}. */
export const candidateSchema = z.preprocess((v) => (typeof v === 'string' ? { content: v } : v), candidateObjectSchema);

const jsonObjectSchema = z.record(z.string(), z.unknown(), { error: 'expected an object' });

/**
 * One input record (a JSONL line, a CSV row, a Parquet row — after the field mapping).
 * `id` is optional: without one, the record gets a stable id derived from its content (see
 * normalize-record.ts). Unknown top-level fields are ignored, not stored and not an error.
 */
export const importRecordSchema = z
  .object({
    id: z
      .union([z.string().refine(nonEmpty, { error: 'must not be empty' }), z.number()], { error: 'expected a string or a number' })
      .nullish(),
    prompt: z.string({ error: 'expected a string' }).refine(nonEmpty, { error: 'must not be empty' }).nullish(),
    messages: messagesSchema.nullish(),
    // A number (a GSM8K-style answer) is kept as its text so answer matching sees one type.
    reference: z
      .union([z.string(), z.number().transform(String), jsonObjectSchema], { error: 'expected a string or an object' })
      .nullish(),
    metadata: jsonObjectSchema.nullish(),
    candidates: z.array(candidateSchema, { error: 'expected an array of candidates' }).nullish(),
  })
  .superRefine((r, ctx) => {
    if (r.prompt == null && r.messages == null)
      ctx.addIssue({ code: 'custom', path: ['prompt'], message: 'missing: give "prompt" (text) or "messages" (chat)' });
    else if (r.prompt != null && r.messages != null)
      ctx.addIssue({ code: 'custom', path: ['messages'], message: 'give either "prompt" or "messages", not both' });
  });

export type ImportRecordInput = z.input<typeof importRecordSchema>;
export type ImportRecord = z.output<typeof importRecordSchema>;

/** The upload form of POST /api/import (multipart fields other than the file). */
export const importUploadFieldsSchema = z.object({
  dataset: z
    .string({ error: 'dataset is required' })
    .trim()
    .min(1, { error: 'dataset is required' })
    .max(200, { error: 'dataset name is too long (max 200 characters)' }),
  map: z
    .string()
    .trim()
    .optional()
    .transform((s) => s || undefined),
  description: z.string().max(10_000).optional(),
});
export type ImportUploadFields = z.output<typeof importUploadFieldsSchema>;
