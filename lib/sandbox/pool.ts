// At most `size` sandboxes at once (default: one per core); the rest wait in FIFO order.
import os from 'node:os';
import { runSandboxed, type RunOptions } from './run-sandboxed';
import type { SandboxRequest, SandboxResult } from './types';

export interface SandboxPool {
  readonly size: number;
  run(request: SandboxRequest): Promise<SandboxResult>;
  /** Running now. */
  readonly active: number;
  /** Waiting for a slot. */
  readonly queued: number;
}

export interface PoolOptions extends RunOptions {
  size?: number;
  /** The runner; replaceable in tests. */
  runner?: (request: SandboxRequest, options: RunOptions) => Promise<SandboxResult>;
}

export function createSandboxPool(options: PoolOptions = {}): SandboxPool {
  const size = Math.max(1, Math.floor(options.size ?? os.availableParallelism()));
  const runner = options.runner ?? runSandboxed;
  const runOptions: RunOptions = options.level ? { level: options.level } : {};
  const waiting: Array<() => void> = [];
  let active = 0;

  // A finished run hands its slot straight to the next waiter, so `active` never overshoots.
  const acquire = (): Promise<void> => {
    if (active < size) {
      active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };

  return {
    size,
    get active() {
      return active;
    },
    get queued() {
      return waiting.length;
    },
    async run(request) {
      await acquire();
      try {
        return await runner(request, runOptions);
      } finally {
        release();
      }
    },
  };
}
