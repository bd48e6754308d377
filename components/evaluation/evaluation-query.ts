'use client';
import { useQuery } from '@tanstack/react-query';
import type { EvaluationOverviewDto } from '@/lib/evaluation/get-evaluation-overview';
import { fetchJson } from '../prompts/fetch-json';

export const evaluationKey = (datasetId: number) => ['evaluation', datasetId] as const;

/** The evaluation overview; polls every second while judge jobs are queued or running. */
export function useEvaluationOverview(initial: EvaluationOverviewDto) {
  return useQuery({
    queryKey: evaluationKey(initial.datasetId),
    queryFn: ({ signal }) => fetchJson<EvaluationOverviewDto>(`/api/datasets/${initial.datasetId}/evaluation`, signal),
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.progress.running ? 1000 : false),
  });
}
