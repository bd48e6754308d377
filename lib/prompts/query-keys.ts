// TanStack Query keys for prompt reads, shared by the Server Component that prefetches and the
// Client Component that refetches (same key = the hydrated data is used). Pure.
import type { PromptFilter, PromptListQuery } from './schemas';

export const promptQueryKeys = {
  all: (datasetId: number) => ['prompts', datasetId] as const,
  page: (datasetId: number, q: PromptListQuery) =>
    ['prompts', datasetId, 'page', { q: q.q, status: q.status, after: q.after ?? null, before: q.before ?? null, limit: q.limit }] as const,
  count: (datasetId: number, f: PromptFilter) => ['prompts', datasetId, 'count', { q: f.q, status: f.status }] as const,
};
