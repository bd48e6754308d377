import { z } from 'zod';
import { parseMapping } from '../import/parse-mapping';
import { visibleControls } from '../security/visible-controls';

/** Import form fields (the multipart POST to /api/import carries the same names). */
export const importFormSchema = z.object({
  dataset: z.string().trim().min(1, 'Name the dataset').max(200, 'At most 200 characters'),
  description: z.string().trim().max(2000).default(''),
  map: z
    .string()
    .trim()
    .default('')
    .superRefine((m, ctx) => {
      const problem = fieldMapProblem(m);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
});
export type ImportForm = z.infer<typeof importFormSchema>;

export const IMPORT_ACCEPT = '.jsonl,.ndjson,.json,.csv,.parquet';

/** Null when the mapping is empty or valid, else why not (same parser as the importer). */
export function fieldMapProblem(text: string): string | null {
  if (!text.trim()) return null;
  try {
    parseMapping(text);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

// Answers of POST /api/import.
export const importErrorSchema = z.object({
  file: z.string().nullish(),
  line: z.number().nullish(),
  field: z.string().nullish(),
  message: z.string(),
});
export type ImportError = z.infer<typeof importErrorSchema>;

export const importResponseSchema = z.union([
  z.object({
    ok: z.literal(true),
    datasetId: z.number(),
    dataset: z.string(),
    prompts: z.number(),
    candidates: z.number().default(0),
    scores: z.number().default(0),
    createdDataset: z.boolean().default(false),
  }),
  z.object({ ok: z.literal(false), errors: z.array(importErrorSchema), errorCount: z.number().optional() }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);
export type ImportResponse = z.infer<typeof importResponseSchema>;

/**
 * "data.jsonl line 17 · messages[1].role — expected one of …". Invisible and bidi characters (in a
 * file name or a quoted value) are shown as ⟨U+202E⟩ so nothing reads differently from what it is.
 */
export function describeImportError(e: ImportError): string {
  const where = [e.file, e.line != null && e.line > 0 ? `line ${e.line}` : null].filter(Boolean).join(' ');
  const head = [where, e.field].filter(Boolean).join(' · ');
  return visibleControls(head ? `${head} — ${e.message}` : e.message);
}
