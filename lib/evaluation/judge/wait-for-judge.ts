import 'server-only';
import { pgPool } from '../../db/pool';
import { liveWorkerCount } from '../../jobs/heartbeat';
import { startWorker, stopWorker } from '../../jobs/worker';
import { getJudgeProgress, type JudgeProgressDto } from './judge-progress';

/**
 * Waits until no judge job of the dataset is queued or running, reporting progress. With no live
 * worker anywhere (the app is not running, no `npm run worker`), this process starts one and does
 * the work itself — like `generate --wait` (lib/jobs/wait-for-run.ts).
 */
export async function waitForJudge(
  datasetId: number,
  opts: { intervalMs?: number; onProgress?: (p: JudgeProgressDto) => void; log?: (l: string) => void; signal?: AbortSignal } = {},
): Promise<JudgeProgressDto> {
  let own = false;
  let checkedWorkersAt = 0;
  try {
    for (;;) {
      if (!own && Date.now() - checkedWorkersAt > 5000) {
        checkedWorkersAt = Date.now();
        if ((await liveWorkerCount(pgPool())) === 0) {
          opts.log?.('No worker is running (the app is not started): judging in this process.');
          await startWorker({ log: process.env.WINNOW_DEBUG ? opts.log : undefined });
          own = true;
        }
      }
      const p = await getJudgeProgress(datasetId);
      opts.onProgress?.(p);
      if (!p.running || opts.signal?.aborted) return p;
      await new Promise((r) => setTimeout(r, opts.intervalMs ?? 500));
    }
  } finally {
    if (own) await stopWorker();
  }
}
