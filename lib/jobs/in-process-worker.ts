// The web app's own generation worker, started by instrumentation.ts in the Node.js runtime (never
// imported by the Edge bundle). A worker that cannot start is logged and retried; the app keeps
// serving. On SIGTERM/SIGINT it stops (unfinished jobs go back to the queue) while Next.js closes
// its server; anything left is handed back by the other workers' heartbeat sweep.
import { startWorker, stopWorker } from './worker';

const RETRY_MS = 10_000;
const log = (line: string) => console.log(`[winnow] ${line}`);
const globalForApp = globalThis as unknown as { winnowInProcessWorker?: boolean };

export function startInProcessWorker(): void {
  if (globalForApp.winnowInProcessWorker) return;
  globalForApp.winnowInProcessWorker = true;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;

  async function attempt() {
    retry = null;
    try {
      await startWorker({ log });
    } catch (e) {
      console.error(`[winnow] The in-process generation worker did not start: ${(e as Error).message}. Retrying in ${RETRY_MS / 1000} s.`);
      if (!stopped) retry = setTimeout(() => void attempt(), RETRY_MS);
    }
  }

  async function shutdown() {
    if (stopped) return;
    stopped = true;
    if (retry) clearTimeout(retry);
    try {
      await stopWorker();
    } catch (e) {
      console.error(`[winnow] Stopping the generation worker failed: ${(e as Error).message}`);
    }
  }
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());

  void attempt();
}
