// Hostile programs, run against one isolation level; registered by hostile*.test.ts. Each case
// checks an outcome on the host (not just what the program says), e.g. the test server saw no
// connection, no file appeared, no process of the run's uid is left.
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxInfo } from './detect';
import { runSandboxed } from './run-sandboxed';
import { firstNumber, leftoverProcesses } from './testing';
import type { IsolationLevel, SandboxRequest } from './types';

const T = 20_000; // per-test budget on two loaded cores

export function describeHostile(level: IsolationLevel): void {
  const info = sandboxInfo(level);
  const run = (req: Omit<SandboxRequest, 'language'> & { language?: SandboxRequest['language'] }) =>
    runSandboxed({ language: 'python', timeoutMs: 5000, ...req }, { level });

  describe(`hostile programs under ${level}`, () => {
    it('infinite loop: timed out, nothing left running', { timeout: T }, async () => {
      const r = await run({ code: 'import os\nprint(os.getuid(), flush=True)\nwhile True: pass\n', timeoutMs: 1000, cpuSeconds: 30 });
      expect(r.timedOut).toBe(true);
      expect(r.killedReason).toBe('timeout');
      expect(r.durationMs).toBeLessThan(4000);
      expect(await leftoverProcesses(firstNumber(r.stdout))).toEqual([]);
    });

    it('CPU limit: SIGXCPU before the wall clock', { timeout: T }, async () => {
      const r = await run({ code: 'while True: pass\n', timeoutMs: 15_000, cpuSeconds: 1 });
      expect(r.killedReason).toBe('cpu');
      expect(r.timedOut).toBe(false);
    });

    it('fork bomb: capped by the process limit, nothing left, the next run works', { timeout: T }, async () => {
      const counted = await run({
        code: [
          'import os, time',
          'print(os.getuid(), flush=True)',
          'n = 0',
          'for _ in range(500):',
          '    try:',
          '        if os.fork() == 0:',
          '            time.sleep(30); os._exit(0)',
          '        n += 1',
          '    except OSError:',
          '        break',
          'print(n, flush=True)',
        ].join('\n'),
        maxProcesses: 20,
        timeoutMs: 3000,
      });
      const forks = Number(counted.stdout.split('\n')[1]);
      expect(forks).toBeGreaterThan(0);
      expect(forks).toBeLessThanOrEqual(20);
      expect(await leftoverProcesses(firstNumber(counted.stdout))).toEqual([]);

      const bomb = await run({
        code: 'import os\nprint(os.getuid(), flush=True)\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n',
        maxProcesses: 20,
        timeoutMs: 1000,
      });
      expect(bomb.timedOut).toBe(true);
      expect(await leftoverProcesses(firstNumber(bomb.stdout))).toEqual([]);
      const after = await run({ code: 'print("fine")' });
      expect(after.stdout).toBe('fine\n');
    });

    it('10 GB allocation: MemoryError, reported as the memory limit', { timeout: T }, async () => {
      const r = await run({ code: 'x = bytearray(10 * 1024**3)\nprint("allocated")\n', memoryMb: 512 });
      expect(r.stdout).not.toContain('allocated');
      expect(r.killedReason).toBe('memory');
      expect(r.stderr).toContain('MemoryError');
    });

    it('JavaScript heap flood: stopped by the memory limit', { timeout: T }, async () => {
      const r = await run({ language: 'javascript', code: 'const a = []; for (;;) a.push(new Array(1e6).fill(1.5));', memoryMb: 128 });
      expect(r.exitCode).not.toBe(0);
      expect(r.killedReason).toBe('memory');
    });

    it('its temp directory is cwd, HOME and TMPDIR, writable, and removed afterwards', { timeout: T }, async () => {
      const marker = `winnow-marker-${crypto.randomUUID()}`;
      const r = await run({
        code: `import os\nopen(${JSON.stringify(marker)}, "w").write("x")\nprint(os.getcwd() == os.environ["HOME"] == os.environ["TMPDIR"], os.path.exists(${JSON.stringify(marker)}))\n`,
      });
      expect(r.stdout).toBe('True True\n');
      const leftovers = fs.readdirSync(os.tmpdir()).filter((d) => d.startsWith('winnow-sandbox-') && fs.existsSync(path.join(os.tmpdir(), d, marker)));
      expect(leftovers).toEqual([]);
    });

    it('read /etc/shadow: refused', { timeout: T }, async () => {
      const r = await run({ code: 'try:\n    print(open("/etc/shadow").read())\nexcept OSError as e:\n    print("refused", type(e).__name__)\n' });
      expect(r.stdout).toMatch(/^refused (PermissionError|FileNotFoundError)/);
      expect(r.stdout).not.toContain('root:');
    });

    it("gets none of Winnow's environment variables (API keys)", { timeout: T }, async () => {
      const secret = `sk-sentinel-${crypto.randomUUID()}`;
      process.env.WINNOW_SENTINEL_KEY = secret;
      try {
        const r = await run({ code: 'import os\nprint(dict(os.environ))\n' });
        expect(r.exitCode).toBe(0);
        expect(r.stdout).not.toContain(secret);
        expect(Object.keys(JSON.parse(r.stdout.replace(/'/g, '"'))).sort()).toEqual(expect.arrayContaining(['HOME', 'LANG', 'PATH', 'TMPDIR']));
      } finally {
        delete process.env.WINNOW_SENTINEL_KEY;
      }
    });

    // As the same user without a PID namespace, /proc/<winnow pid>/environ is readable (README).
    it.runIf(info.privilegeDrop || info.pidNamespace)("cannot read Winnow's environment through /proc", { timeout: T }, async () => {
      const secret = `sk-sentinel-${crypto.randomUUID()}`;
      process.env.WINNOW_SENTINEL_KEY = secret;
      try {
        const r = await run({
          code: [
            'import os',
            `for pid in (os.getppid(), ${process.pid}, ${process.ppid}, 1):`,
            '    try:',
            '        print(open(f"/proc/{pid}/environ").read())',
            '    except OSError as e:',
            '        print("refused", pid, type(e).__name__)',
          ].join('\n'),
        });
        expect(r.stdout).not.toContain(secret);
        expect(r.stdout).toContain(`refused ${process.pid}`);
      } finally {
        delete process.env.WINNOW_SENTINEL_KEY;
      }
    });

    it('huge output: truncated with a marker; a flood is stopped early', { timeout: T }, async () => {
      const big = await run({ code: 'import sys\nprint("a" * 5_000_000)\nsys.stderr.write("b" * 5_000_000)\n', maxOutputBytes: 4096 });
      expect(big.stdout.length).toBeLessThan(4200);
      expect(big.stdout).toContain('bytes truncated');
      expect(big.stderr.length).toBeLessThan(4200);
      const flood = await run({ code: 'while True: print("x" * 10000)\n', maxOutputBytes: 4096, timeoutMs: 15_000 });
      expect(flood.killedReason).toBe('output');
      expect(flood.timedOut).toBe(false);
    });

    // A program that can reach Winnow's pid could kill it; without a drop or a PID namespace it runs as
    // Winnow's own user, and this case would kill the test runner (see README: rlimits-only as non-root).
    it.runIf(info.privilegeDrop || info.pidNamespace)('cannot kill Winnow (its parent, its pid, or everything)', { timeout: T }, async () => {
      const r = await run({
        code: [
          'import os',
          `for pid in (${process.pid}, os.getppid(), -1):`,
          '    try:',
          '        os.kill(pid, 9); print("killed", pid, flush=True)',
          '    except OSError as e:',
          '        print("refused", pid, type(e).__name__, flush=True)',
        ].join('\n'),
      });
      expect(r.stdout).toMatch(new RegExp(`^refused ${process.pid} (PermissionError|ProcessLookupError)`));
      expect(() => process.kill(process.pid, 0)).not.toThrow();
    });

    describe('network', () => {
      let server: net.Server;
      let port = 0;
      let connections = 0;
      beforeAll(async () => {
        server = net.createServer((socket) => {
          connections++;
          socket.destroy();
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        port = (server.address() as net.AddressInfo).port;
      });
      afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

      it.runIf(!info.network)('cannot connect to a server listening on 127.0.0.1', { timeout: T }, async () => {
        const r = await run({
          code: `import socket\ns = socket.socket()\ns.settimeout(3)\ntry:\n    s.connect(("127.0.0.1", ${port})); print("connected")\nexcept OSError as e:\n    print("refused", type(e).__name__)\n`,
        });
        expect(r.stdout).toMatch(/^refused/);
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(connections).toBe(0);
      });

      it.runIf(info.network)('can connect out (this level does not isolate the network)', { timeout: T }, async () => {
        const r = await run({
          code: `import socket\ns = socket.create_connection(("127.0.0.1", ${port}), timeout=3)\nprint("connected")\n`,
        });
        expect(r.stdout).toBe('connected\n');
        expect(connections).toBeGreaterThan(0);
      });
    });

    it('writes outside its directory fail or vanish with it', { timeout: T }, async () => {
      const tag = crypto.randomUUID();
      const targets = [`/tmp/pwned-${tag}`, path.join(process.cwd(), `pwned-${tag}`), `/var/tmp/pwned-${tag}`, `/dev/shm/pwned-${tag}`];
      try {
        const r = await run({
          code: `for p in ${JSON.stringify(targets)}:\n    try:\n        open(p, "w").write("x"); print("wrote", p)\n    except OSError as e:\n        print("refused", p, type(e).__name__)\n`,
        });
        expect(r.exitCode).toBe(0);
        const visible = targets.filter((t) => fs.existsSync(t));
        // With namespaces nothing written outside survives the run.
        if (info.filesystem !== 'host') expect(visible).toEqual([]);
        // A throwaway uid cannot write the project (but can write /tmp: README).
        else if (info.privilegeDrop) expect(r.stdout).toContain(`refused ${targets[1]}`);
        // rlimits-only as your own user writes wherever you can (README); nothing to assert.
      } finally {
        for (const t of targets) fs.rmSync(t, { force: true });
      }
    });

    it.runIf(info.pidNamespace)('sees only its own processes', { timeout: T }, async () => {
      const r = await run({ code: `import os\nprint(os.path.exists("/proc/${process.pid}"), len([p for p in os.listdir("/proc") if p.isdigit()]) < 5)\n` });
      expect(r.stdout).toBe('False True\n');
    });
  });
}
