import { z } from 'zod';
import { decodeCursor } from './cursor';

/** Status filters of the prompt table. */
export const PROMPT_STATUS_FILTERS = ['any', 'accepted', 'no-candidates', 'reviewed'] as const;
export type PromptStatusFilter = (typeof PROMPT_STATUS_FILTERS)[number];

export const PROMPT_STATUS_FILTER_LABELS: Record<PromptStatusFilter, string> = {
  any: 'Any status',
  accepted: 'Has accepted candidate',
  'no-candidates': 'No candidates',
  reviewed: 'Has reviewed',
};

export const PROMPT_PAGE_SIZE = 50;
export const MAX_SEARCH_LENGTH = 200;

const firstValue = (v: unknown) => (Array.isArray(v) ? v[0] : v);

/**
 * Query of the prompt table, as read from URL search params. Lenient: a value that does not parse
 * falls back to its default (a stale bookmark shows the first page rather than an error).
 */
export const promptListQuerySchema = z.object({
  q: z.preprocess(firstValue, z.string().trim().max(MAX_SEARCH_LENGTH).catch('')).default(''),
  status: z.preprocess(firstValue, z.enum(PROMPT_STATUS_FILTERS)).catch('any'),
  after: z.preprocess(firstValue, z.string().refine((c) => decodeCursor(c) !== null)).optional().catch(undefined),
  before: z.preprocess(firstValue, z.string().refine((c) => decodeCursor(c) !== null)).optional().catch(undefined),
  limit: z.preprocess(firstValue, z.coerce.number().int().min(1).max(200)).catch(PROMPT_PAGE_SIZE).default(PROMPT_PAGE_SIZE),
});

export type PromptListQuery = z.infer<typeof promptListQuerySchema>;
/** The part of the query that selects which prompts (not which page). */
export type PromptFilter = Pick<PromptListQuery, 'q' | 'status'>;

type ParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

export function parsePromptListQuery(input: ParamsInput): PromptListQuery {
  const record: Record<string, string | string[] | undefined> = {};
  if (input instanceof URLSearchParams) {
    for (const key of input.keys()) record[key] = input.getAll(key);
  } else Object.assign(record, input);
  const parsed = promptListQuerySchema.parse(record);
  // `after` wins if a hand-written URL carries both.
  if (parsed.after && parsed.before) parsed.before = undefined;
  return parsed;
}

/** Search params for a query, defaults left out (so URLs stay short and keys stay stable). */
export function promptListSearchParams(query: Partial<PromptListQuery>): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.status && query.status !== 'any') params.set('status', query.status);
  if (query.after) params.set('after', query.after);
  else if (query.before) params.set('before', query.before);
  if (query.limit && query.limit !== PROMPT_PAGE_SIZE) params.set('limit', String(query.limit));
  return params;
}

/** Escape `%`, `_` and `\` so user text matches literally inside `ILIKE '%…%' ESCAPE '\'`. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A numeric route param (`/datasets/[id]`), or null if it is not a positive 32-bit integer. */
export function parseIdParam(value: string | undefined): number | null {
  if (!value || !/^\d{1,10}$/.test(value)) return null;
  const n = Number(value);
  return n > 0 && n <= 2_147_483_647 ? n : null;
}
