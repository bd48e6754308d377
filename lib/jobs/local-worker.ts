import 'server-only';
import type pg from 'pg';
import type { EndpointConfig } from '../generation/endpoint-config';
import type { RunInfo } from '../generation/process-chunk';
import type { FirstJobs } from './claim-first-jobs';

/** What a process creating a run asks of its own generation worker (GenerationWorker). */
export interface LocalWorker {
  claimFirstJobs(client: pg.ClientBase, run: RunInfo, endpoint: EndpointConfig): Promise<FirstJobs | null>;
  /** `committed` settles with the creating transaction. */
  adoptFirstJobs(first: FirstJobs, committed: Promise<void>): void;
}

/**
 * This process's running generation worker (the web app's, `npm run worker`'s, a CLI --wait's), if
 * any: the one startWorker() keeps on globalThis. Read without importing the worker module, which
 * pulls in the whole engine.
 */
export function localWorker(): LocalWorker | null {
  return (globalThis as unknown as { winnowWorker?: LocalWorker }).winnowWorker ?? null;
}
