import 'server-only';
import { getRunProgress } from '../generation/get-run-progress';
import { isFinished, type RunProgressDto } from '../generation/run-dto';
import { waitWithOwnWorker } from './wait-with-own-worker';

/**
 * Waits until the run is finished, reporting progress; generates in this process when no worker is
 * live. Endpoint limits hold either way (they are enforced through the database).
 */
export function waitForRun(
  runId: number,
  opts: { intervalMs?: number; concurrency?: number; onProgress?: (p: RunProgressDto) => void; log?: (l: string) => void; signal?: AbortSignal } = {},
): Promise<RunProgressDto> {
  return waitWithOwnWorker(
    async () => {
      const p = await getRunProgress(runId);
      if (!p) throw new Error(`No generation run with id ${runId}.`);
      opts.onProgress?.(p);
      return { done: isFinished(p.status), value: p };
    },
    { doing: 'generating', intervalMs: opts.intervalMs ?? 1000, concurrency: opts.concurrency, log: opts.log, signal: opts.signal },
  );
}
