// TanStack Query keys and route URLs of the review workbench, shared by the Server Components that
// prefetch and the Client Components that refetch. Pure.
import { queueSearchParams, type QueueFilter, type QueueQuery, type BulkKind } from './schemas';

export const reviewKeys = {
  all: (datasetId: number) => ['review', datasetId] as const,
  queue: (datasetId: number, q: QueueQuery) => ['review', datasetId, 'queue', queueSearchParams(q).toString()] as const,
  board: (datasetId: number, promptId: number) => ['review', datasetId, 'board', promptId] as const,
  progress: (datasetId: number) => ['review', datasetId, 'progress'] as const,
  bulkPreview: (datasetId: number, kind: BulkKind, f: QueueFilter) => ['review', datasetId, 'bulk', kind, queueSearchParams(f).toString()] as const,
};

export const reviewApi = {
  queue: (datasetId: number, q: QueueQuery) => `/api/review/${datasetId}/queue?${queueSearchParams(q)}`,
  board: (datasetId: number, promptId: number) => `/api/review/${datasetId}/prompts/${promptId}`,
  progress: (datasetId: number) => `/api/review/${datasetId}/progress`,
  bulkPreview: (datasetId: number, kind: BulkKind, f: QueueFilter) => {
    const p = queueSearchParams(f);
    p.set('kind', kind);
    return `/api/review/${datasetId}/bulk-preview?${p}`;
  },
};

/** Page URLs. The board keeps the queue's order and filter so "next" walks the same queue. */
export const reviewHref = {
  queue: (datasetId: number, q: Partial<QueueQuery> = {}) => {
    const p = queueSearchParams(q).toString();
    return `/datasets/${datasetId}/review${p ? `?${p}` : ''}`;
  },
  board: (datasetId: number, promptId: number, q: Partial<QueueQuery> = {}) => {
    const p = queueSearchParams({ ...q, after: undefined }).toString();
    return `/datasets/${datasetId}/review/${promptId}${p ? `?${p}` : ''}`;
  },
};
