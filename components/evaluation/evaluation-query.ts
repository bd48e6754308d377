'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import type { EvaluationOverviewDto } from '@/lib/evaluation/get-evaluation-overview';
import { fetchJson } from '../prompts/fetch-json';

export const evaluationKey = (datasetId: number) => ['evaluation', datasetId] as const;

/**
 * The evaluation overview; polls every second while judge jobs are queued or running, and twice a
 * second while the verdicts are being re-derived (a change to an evaluator or the policy queued a
 * job). When a re-derivation finishes, every other query and the server components refetch.
 */
export function useEvaluationOverview(initial: EvaluationOverviewDto) {
  const q = useQuery({
    queryKey: evaluationKey(initial.datasetId),
    queryFn: ({ signal }) => fetchJson<EvaluationOverviewDto>(`/api/datasets/${initial.datasetId}/evaluation`, signal),
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.rederive.pending ? 500 : q.state.data?.progress.running ? 1000 : false),
  });
  const queryClient = useQueryClient();
  const router = useRouter();
  // A small dataset's job may finish before the first poll sees it pending: follow the newest
  // finished job instead, and refresh whenever it is one we have not seen yet.
  const finished = finishedKey(q.data);
  const seen = useRef(finishedKey(initial));
  useEffect(() => {
    if (finished && finished !== seen.current) {
      void queryClient.invalidateQueries({ predicate: (x) => x.queryKey[0] !== 'evaluation' });
      router.refresh(); // server components (the dataset header's counts)
    }
    seen.current = finished;
  }, [finished, queryClient, router]);
  return q;
}

function finishedKey(d: EvaluationOverviewDto): string | null {
  const j = d.rederive.jobs[0];
  return j && !d.rederive.pending && (j.state === 'done' || j.state === 'failed') ? `${j.id}:${j.state}` : null;
}
