import 'server-only';
import { waitWithOwnWorker } from '../../jobs/wait-with-own-worker';
import { getJudgeProgress, type JudgeProgressDto } from './judge-progress';

/**
 * Waits until no judge job of the dataset is queued or running, reporting progress; judges in this
 * process when no worker is live (like `generate --wait`).
 */
export function waitForJudge(
  datasetId: number,
  opts: { intervalMs?: number; onProgress?: (p: JudgeProgressDto) => void; log?: (l: string) => void; signal?: AbortSignal } = {},
): Promise<JudgeProgressDto> {
  return waitWithOwnWorker(
    async () => {
      const p = await getJudgeProgress(datasetId);
      opts.onProgress?.(p);
      return { done: !p.running, value: p };
    },
    { doing: 'judging', intervalMs: opts.intervalMs ?? 500, log: opts.log, signal: opts.signal },
  );
}
