// The runner's plain behaviour at the strongest available level (hostile programs: hostile*.test.ts).
import { describe, expect, it } from 'vitest';
import { sandboxInfo } from './detect';
import { runSandboxed } from './run-sandboxed';
import { levelAvailable } from './testing';

const available = levelAvailable('rlimits-only') || levelAvailable('unshare') || levelAvailable('bubblewrap');

describe.skipIf(!available)('runSandboxed', () => {
  it('reports stdout, stderr and the exit code of Python and JavaScript', { timeout: 20_000 }, async () => {
    const [py, js] = await Promise.all([
      runSandboxed({ language: 'python', code: 'import sys\nprint("out")\nprint("err", file=sys.stderr)\nsys.exit(3)\n' }),
      runSandboxed({ language: 'javascript', code: 'console.log("out"); console.error("err"); process.exitCode = 4;' }),
    ]);
    expect(py).toMatchObject({ exitCode: 3, signal: null, stdout: 'out\n', stderr: 'err\n', timedOut: false, level: sandboxInfo().level });
    expect(js).toMatchObject({ exitCode: 4, stdout: 'out\n', stderr: 'err\n' });
    expect(py.killedReason).toBeUndefined();
  });

  it('reports a signal by name', { timeout: 20_000 }, async () => {
    const r = await runSandboxed({ language: 'python', code: 'import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n' });
    expect(r).toMatchObject({ exitCode: null, signal: 'SIGSEGV' });
  });

  it('has stdin closed (EOF at once)', { timeout: 20_000 }, async () => {
    const r = await runSandboxed({ language: 'python', code: 'import sys\nprint(repr(sys.stdin.read()))\n' });
    expect(r.stdout).toBe("''\n");
  });

  it('refuses nonsense limits', async () => {
    await expect(runSandboxed({ language: 'python', code: 'pass', timeoutMs: 0 })).rejects.toThrow(/timeoutMs/);
  });

  it('describes the isolation in force', () => {
    const info = sandboxInfo();
    expect(['bubblewrap', 'unshare', 'rlimits-only']).toContain(info.level);
    expect(info.network).toBe(info.level === 'rlimits-only');
    expect(info.notes.length).toBeGreaterThan(2);
  });
});
