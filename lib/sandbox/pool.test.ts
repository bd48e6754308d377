import { describe, expect, it } from 'vitest';
import { createSandboxPool } from './pool';
import type { SandboxRequest, SandboxResult } from './types';

const result = (stdout: string): SandboxResult => ({
  exitCode: 0,
  signal: null,
  stdout,
  stderr: '',
  timedOut: false,
  durationMs: 1,
  level: 'rlimits-only',
});

describe('createSandboxPool', () => {
  it('runs at most `size` at once, in FIFO order, and releases slots on errors', async () => {
    let running = 0;
    let peak = 0;
    const started: string[] = [];
    const pool = createSandboxPool({
      size: 2,
      runner: async (req: SandboxRequest) => {
        started.push(req.code);
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        if (req.code === 'boom') throw new Error('boom');
        return result(req.code);
      },
    });
    const codes = ['a', 'boom', 'b', 'c', 'd', 'e'];
    const settled = await Promise.allSettled(codes.map((code) => pool.run({ language: 'python', code })));
    expect(peak).toBe(2);
    expect(started).toEqual(codes);
    expect(settled[1].status).toBe('rejected');
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(5);
    expect(pool.active).toBe(0);
    expect(pool.queued).toBe(0);
  });

  it('defaults to one slot per core', () => {
    expect(createSandboxPool().size).toBeGreaterThanOrEqual(1);
  });
});
