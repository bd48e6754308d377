// Helpers for the sandbox's own tests (spawn real processes; not used by the app).
import { spawnSync } from 'node:child_process';
import { detectSandbox, LEVELS } from './detect';
import type { IsolationLevel } from './types';

export function levelAvailable(level: IsolationLevel): boolean {
  try {
    detectSandbox(level);
    return true;
  } catch {
    return false;
  }
}

export const availableLevels = (): IsolationLevel[] => LEVELS.filter(levelAvailable);

/**
 * Pids of the live processes of `uid`. Zombies are left out: they run nothing, and an orphaned
 * one (bwrap's PID 1) waits for the host's init to reap it, which here takes up to ~2 s.
 */
export function processesOf(uid: number): number[] {
  const r = spawnSync('ps', ['-u', String(uid), '-o', 'pid=,stat='], { encoding: 'utf8' });
  return r.stdout
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(([pid, stat]) => pid && !stat?.startsWith('Z'))
    .map(([pid]) => Number(pid));
}

/** Waits until `uid` has no processes left; returns what is left after `ms`. */
export async function leftoverProcesses(uid: number, ms = 1000): Promise<number[]> {
  const end = Date.now() + ms;
  for (;;) {
    const left = processesOf(uid);
    if (!left.length || Date.now() > end) return left;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The first line a sandboxed program printed, as a number (the tests print their uid first). */
export const firstNumber = (stdout: string): number => Number(stdout.split('\n')[0]);
