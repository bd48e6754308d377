import 'server-only';
import { pgPool } from '../db/pool';
import { liveWorkerCount } from './heartbeat';
import { startWorker, stopWorker } from './worker';

/**
 * Polls until `poll` says done. With no live worker anywhere (the app is not running and no
 * `npm run worker`), this process starts one and does the work itself; it checks again every few
 * seconds, so the work also carries on here if the other workers go away. Used by the CLI's --wait.
 */
export async function waitWithOwnWorker<T>(
  poll: () => Promise<{ done: boolean; value: T }>,
  opts: { doing: string; intervalMs: number; concurrency?: number; log?: (l: string) => void; signal?: AbortSignal },
): Promise<T> {
  let own = false;
  let checkedWorkersAt = 0;
  try {
    for (;;) {
      if (!own && Date.now() - checkedWorkersAt > 5000) {
        checkedWorkersAt = Date.now();
        if ((await liveWorkerCount(pgPool())) === 0) {
          opts.log?.(`No worker is running (the app is not started): ${opts.doing} in this process.`);
          await startWorker({ concurrency: opts.concurrency, log: process.env.WINNOW_DEBUG ? opts.log : undefined });
          own = true;
        }
      }
      const { done, value } = await poll();
      if (done || opts.signal?.aborted) return value;
      await new Promise((r) => setTimeout(r, opts.intervalMs));
    }
  } finally {
    if (own) await stopWorker();
  }
}
