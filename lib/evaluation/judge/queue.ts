// The judge queue and its job payload. One job = one evaluator over a chunk of prompts.
export const JUDGE_QUEUE = 'winnow-judge';

export interface JudgeJob {
  datasetId: number;
  evaluatorId: number;
  /** md5 of the evaluator's config when queued: a job whose evaluator's config changed since is dropped. */
  version: string;
  promptIds: number[];
}

export function chunk<T>(xs: readonly T[], size: number): T[][] {
  const n = Math.max(1, Math.floor(size));
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}
