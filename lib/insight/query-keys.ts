export const insightQueryKeys = {
  stats: (datasetId: number, targetPrecision: number | null) => ['insight', datasetId, targetPrecision] as const,
  all: (datasetId: number) => ['insight', datasetId] as const,
};
