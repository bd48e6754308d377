import { z } from 'zod';
import { MAX_SEARCH_LENGTH } from '../prompts/schemas';

export const QUEUE_ORDERS = ['uncertain', 'id', 'random'] as const;
export type QueueOrder = (typeof QUEUE_ORDERS)[number];
export const QUEUE_ORDER_LABELS: Record<QueueOrder, string> = { uncertain: 'Most uncertain first', id: 'By id', random: 'Random sample' };

export const QUEUE_STATUS_FILTERS = ['any', 'pending', 'accepted', 'rejected', 'approved'] as const;
export type QueueStatusFilter = (typeof QUEUE_STATUS_FILTERS)[number];
export const QUEUE_STATUS_LABELS: Record<QueueStatusFilter, string> = {
  any: 'Any final status',
  pending: 'Has pending',
  accepted: 'Has auto-accepted',
  rejected: 'Has rejected',
  approved: 'Has approved',
};

export const REVIEWED_FILTERS = ['no', 'yes', 'any'] as const;
export type ReviewedFilter = (typeof REVIEWED_FILTERS)[number];
export const REVIEWED_LABELS: Record<ReviewedFilter, string> = { no: 'Not reviewed', yes: 'Reviewed', any: 'Reviewed or not' };

export const QUEUE_PAGE_SIZE = 50;

const firstValue = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const optionalNumber = (min: number, max: number) =>
  z.preprocess((v) => {
    const f = firstValue(v);
    return f === '' || f == null ? undefined : f;
  }, z.coerce.number().min(min).max(max).optional()).catch(undefined);

/**
 * Which prompts the queue shows (and "next", bulk actions and the count act on). Lenient like the
 * prompt list: a value that does not parse falls back to its default.
 */
export const queueFilterSchema = z.object({
  q: z.preprocess(firstValue, z.string().trim().max(MAX_SEARCH_LENGTH).catch('')).default(''),
  status: z.preprocess(firstValue, z.enum(QUEUE_STATUS_FILTERS)).catch('any'),
  reviewed: z.preprocess(firstValue, z.enum(REVIEWED_FILTERS)).catch('no'),
  /** Some candidate's aggregate is ≥ min / ≤ max. */
  min: optionalNumber(0, 1),
  max: optionalNumber(0, 1),
  /** Some candidate passed (or failed) this evaluator. */
  evaluator: z.preprocess(firstValue, z.coerce.number().int().positive().optional()).catch(undefined),
  result: z.preprocess(firstValue, z.enum(['passed', 'failed'])).catch('failed'),
});
export type QueueFilter = z.infer<typeof queueFilterSchema>;

export const queueQuerySchema = queueFilterSchema.extend({
  order: z.preprocess(firstValue, z.enum(QUEUE_ORDERS)).catch('uncertain'),
  seed: z.preprocess(firstValue, z.coerce.number().int().min(0).max(2_147_483_647)).catch(1),
  after: z.preprocess(firstValue, z.string().max(200).optional()).catch(undefined),
  limit: z.preprocess(firstValue, z.coerce.number().int().min(1).max(200)).catch(QUEUE_PAGE_SIZE),
});
export type QueueQuery = z.infer<typeof queueQuerySchema>;

type ParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

export function parseQueueQuery(input: ParamsInput): QueueQuery {
  const record: Record<string, unknown> = {};
  if (input instanceof URLSearchParams) for (const key of input.keys()) record[key] = input.getAll(key);
  else Object.assign(record, input);
  return queueQuerySchema.parse(record);
}

/** URL params of a queue query, defaults left out. */
export function queueSearchParams(q: Partial<QueueQuery>): URLSearchParams {
  const params = new URLSearchParams();
  if (q.order && q.order !== 'uncertain') params.set('order', q.order);
  if (q.order === 'random' && q.seed !== undefined) params.set('seed', String(q.seed));
  if (q.q) params.set('q', q.q);
  if (q.status && q.status !== 'any') params.set('status', q.status);
  if (q.reviewed && q.reviewed !== 'no') params.set('reviewed', q.reviewed);
  if (q.min !== undefined) params.set('min', String(q.min));
  if (q.max !== undefined) params.set('max', String(q.max));
  if (q.evaluator !== undefined) {
    params.set('evaluator', String(q.evaluator));
    params.set('result', q.result ?? 'failed');
  }
  if (q.after) params.set('after', q.after);
  if (q.limit && q.limit !== QUEUE_PAGE_SIZE) params.set('limit', String(q.limit));
  return params;
}

const id = z.coerce.number().int().positive().max(2_147_483_647);
const version = z.coerce.number().int().min(0);

export const DECISION_ACTIONS = ['approve', 'reject', 'reset'] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

export const decisionInputSchema = z.object({
  datasetId: id,
  candidateId: id,
  action: z.enum(DECISION_ACTIONS),
  /** The candidate's review version as read (BoardCard.version). */
  version,
  note: z.string().trim().max(2000).optional(),
});
export type DecisionInput = z.infer<typeof decisionInputSchema>;

export const acceptBestInputSchema = z.object({
  datasetId: id,
  promptId: id,
  /** Every candidate of the prompt with the version read: a change by someone else refuses the whole action. */
  versions: z.array(z.object({ candidateId: id, version })).min(1).max(1000),
  /** Defaults to the best-ranked candidate. */
  bestId: id.optional(),
});
export type AcceptBestInput = z.infer<typeof acceptBestInputSchema>;

export const noteInputSchema = z.object({
  datasetId: id,
  promptId: id,
  note: z.string().max(5000).transform((s) => s.trim()),
  /** The note as read, so a note written meanwhile by someone else is not overwritten. */
  previous: z.string().max(5000).nullable(),
});
export type NoteInput = z.infer<typeof noteInputSchema>;

export const BULK_KINDS = ['approve-accepted', 'reject-gate-failed', 'reset'] as const;
export type BulkKind = (typeof BULK_KINDS)[number];
export const BULK_LABELS: Record<BulkKind, string> = {
  'approve-accepted': 'Approve all auto-accepted',
  'reject-gate-failed': 'Reject all that fail a gate',
  reset: 'Reset all to auto',
};

export const bulkInputSchema = z.object({
  datasetId: id,
  kind: z.enum(BULK_KINDS),
  filter: queueFilterSchema,
  /** The count the preview showed; the action is refused if the selection changed meanwhile. */
  expected: z.number().int().min(0).optional(),
});
export type BulkInput = z.infer<typeof bulkInputSchema>;

export const claimInputSchema = z.object({
  datasetId: id,
  order: z.enum(QUEUE_ORDERS).default('uncertain'),
  seed: z.number().int().min(0).max(2_147_483_647).default(1),
  filter: queueFilterSchema.default(queueFilterSchema.parse({})),
  /** The prompt being left: released, and "next" continues after it in queue order. */
  currentPromptId: id.optional(),
});
export type ClaimInput = z.infer<typeof claimInputSchema>;

export const undoInputSchema = z.object({ datasetId: id });
