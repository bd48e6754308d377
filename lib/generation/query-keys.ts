// TanStack Query keys for run reads, shared by the Server Component that prefetches and the Client
// Component that polls (same key = the hydrated data is used). Pure.
export const runQueryKeys = {
  list: (datasetId: number) => ['runs', 'dataset', datasetId] as const,
  progress: (runId: number) => ['runs', 'run', runId] as const,
};
