// Queue names and job payloads. One queue per endpoint, so a worker asks for more work only for the
// endpoints that have room (a slow endpoint's backlog never blocks a fast one's jobs).

export const generateQueue = (endpointId: number) => `winnow-generate-e${endpointId}`;
export const BATCH_SUBMIT_QUEUE = 'winnow-batch-submit';
/** Policy `short`: at most one queued poll per run, so a re-delivered poll job cannot fork the chain. */
export const BATCH_POLL_QUEUE = 'winnow-batch-poll';

export function endpointOfQueue(name: string): number | null {
  const m = /^winnow-generate-e(\d+)$/.exec(name);
  return m ? Number(m[1]) : null;
}

/** A chunk of prompts of one run. `key` must match the run's job_key or the job is dropped. */
export interface ChunkJob {
  runId: number;
  key: string;
  promptIds: number[];
}

export interface BatchJob {
  runId: number;
  key: string;
  /** Batch round: retryable errors and unanswered samples go into the next round. */
  round?: number;
}

/** Requests a worker should hold per job: enough to amortise the queue's per-job statements. */
export const REQUESTS_PER_JOB = 32;

/**
 * Prompts per job: ~32 requests' worth (4 prompts at n=8 without n support, 32 with it), at most 50.
 * Small enough that a killed worker redoes little and several workers share a run evenly; large
 * enough that fetch/claim/complete cost one statement per ~32 requests, not per request.
 */
export function chunkPrompts(promptIds: number[], requestsPerPrompt: number): number[][] {
  const size = Math.max(1, Math.min(50, Math.ceil(REQUESTS_PER_JOB / Math.max(1, requestsPerPrompt))));
  const out: number[][] = [];
  for (let i = 0; i < promptIds.length; i += size) out.push(promptIds.slice(i, i + size));
  return out;
}
