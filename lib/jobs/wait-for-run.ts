import 'server-only';
import { pgPool } from '../db/pool';
import { getRunProgress } from '../generation/get-run-progress';
import { isFinished, type RunProgressDto } from '../generation/run-dto';
import { liveWorkerCount } from './heartbeat';
import { startWorker, stopWorker, type GenerationWorker } from './worker';

/**
 * Waits until the run is finished, reporting progress. With no live worker anywhere (the app is not
 * running and no `npm run worker`), this process starts one and does the work itself; it checks
 * again every few seconds, so the run also carries on here if the other workers go away. Endpoint
 * limits hold either way (they are enforced through the database).
 */
export async function waitForRun(
  runId: number,
  opts: { intervalMs?: number; concurrency?: number; onProgress?: (p: RunProgressDto) => void; log?: (l: string) => void; signal?: AbortSignal } = {},
): Promise<RunProgressDto> {
  let own: GenerationWorker | null = null;
  let checkedWorkersAt = 0;
  try {
    for (;;) {
      if (!own && Date.now() - checkedWorkersAt > 5000) {
        checkedWorkersAt = Date.now();
        if ((await liveWorkerCount(pgPool())) === 0) {
          opts.log?.('No worker is running (the app is not started): generating in this process.');
          own = await startWorker({ concurrency: opts.concurrency, log: process.env.WINNOW_DEBUG ? opts.log : undefined });
        }
      }
      const p = await getRunProgress(runId);
      if (!p) throw new Error(`No generation run with id ${runId}.`);
      opts.onProgress?.(p);
      if (isFinished(p.status)) return p;
      if (opts.signal?.aborted) return p;
      await new Promise((r) => setTimeout(r, opts.intervalMs ?? 1000));
    }
  } finally {
    if (own) await stopWorker();
  }
}
