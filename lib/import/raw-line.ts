// A line of a `raw` export (lib/export/formats/raw.ts) as the raw re-import reads it, and how lines
// of one prompt become one import record plus what to restore afterwards. Pure.
import { z } from 'zod';

const scoreSchema = z.union([
  z.number().transform((value) => ({ value, passed: null, rationale: null, error: null })),
  z.object({
    value: z.number().nullish().transform((v) => v ?? null),
    passed: z.boolean().nullish().transform((v) => v ?? null),
    rationale: z.string().nullish().transform((v) => v ?? null),
    error: z.string().nullish().transform((v) => v ?? null),
  }),
]);

export const rawLineSchema = z.object({
  prompt_id: z.union([z.string().min(1), z.number()], { error: 'expected the prompt id (string)' }).transform(String),
  sample_index: z.number().int().nullish(),
  messages: z.array(z.unknown(), { error: 'expected the prompt messages (array)' }),
  reference: z.unknown().optional(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  content: z.string({ error: 'expected a string' }),
  model: z.string().nullish(),
  scores: z.record(z.string().min(1), scoreSchema).nullish(),
  aggregate: z.number().nullish(),
  rank: z.number().int().nullish(),
  auto_verdict: z.enum(['pending', 'accepted', 'rejected'], { error: 'expected pending|accepted|rejected' }).default('pending'),
  decision: z
    .object({ verdict: z.enum(['approved', 'rejected'], { error: 'expected approved|rejected' }), reviewer: z.string().nullish(), note: z.string().nullish() })
    .nullish(),
  final_status: z.enum(['pending', 'accepted', 'rejected', 'approved'], { error: 'expected pending|accepted|rejected|approved' }).optional(),
});
export type RawLine = z.output<typeof rawLineSchema>;

/** What to write back onto the k-th candidate of prompt `externalId` once the import has stored it. */
export type RestoreItem = {
  externalId: string;
  position: number;
  aggregate: number | null;
  autoVerdict: RawLine['auto_verdict'];
  finalStatus: NonNullable<RawLine['final_status']>;
  rank: number | null;
  decision: { verdict: 'approved' | 'rejected'; reviewer: string | null; note: string | null } | null;
  scores: Record<string, { value: number | null; passed: boolean | null; rationale: string | null; error: string | null }>;
};

/** The import record (DESIGN.md "Import record") of one prompt's raw lines, and the restore items. */
export function groupRawLines(lines: RawLine[]): { record: Record<string, unknown>; restore: RestoreItem[] } {
  const first = lines[0];
  const record: Record<string, unknown> = {
    id: first.prompt_id,
    messages: first.messages,
    ...(first.reference != null ? { reference: first.reference } : {}),
    ...(first.metadata != null ? { metadata: first.metadata } : {}),
    candidates: lines.map((l) => ({ content: l.content, model: l.model ?? null })),
  };
  const restore = lines.map((l, position) => ({
    externalId: l.prompt_id,
    position,
    aggregate: l.aggregate ?? null,
    autoVerdict: l.auto_verdict,
    // The contract: the curator's verdict if there is one, else the auto verdict.
    finalStatus: l.final_status ?? l.decision?.verdict ?? l.auto_verdict,
    rank: l.rank ?? null,
    decision: l.decision ? { verdict: l.decision.verdict, reviewer: l.decision.reviewer ?? null, note: l.decision.note ?? null } : null,
    scores: l.scores ?? {},
  }));
  return { record, restore };
}
