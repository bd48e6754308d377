// Runs one untrusted program under the strongest isolation available (detect.ts), with limits,
// a wall-clock timeout that kills everything it started, and capped output.
import { spawn } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import { buildCommand } from './build-command';
import { CappedOutput } from './capped-output';
import { detectSandbox, type SandboxEnvironment } from './detect';
import { resolveInterpreter, type Interpreter } from './interpreters';
import { preparePlan } from './prepare-plan';
import { nextSandboxUid } from './sandbox-uid';
import { countUserTasks } from './user-tasks';
import { DEFAULT_LIMITS, type IsolationLevel, type KilledReason, type SandboxLanguage, type SandboxLimits, type SandboxRequest, type SandboxResult } from './types';
import { makeWorkdir, removeWorkdirAsync, writeProgram } from './workdir';

export interface RunOptions {
  /** Use this level instead of the strongest available (tests, or a deliberate choice). */
  level?: IsolationLevel;
}

const MiB = 1024 * 1024;
// Past this much output (both streams) the program is killed rather than drained until its timeout.
const KILL_AFTER_OUTPUT_BYTES = 16 * MiB;
// V8 reserves ~0.8 GB of address space before running anything; RLIMIT_AS must leave room for it.
const NODE_RESERVED_MB = 1024;
// Node starts ~7 threads (11 once its libuv pool is used), and RLIMIT_NPROC counts threads.
const NODE_THREADS = 16;
// After the program exits, how long its stdout/stderr may stay open (held by an escaped child).
const CLOSE_GRACE_MS = 500;

const interpreterCache = new Map<string, Interpreter>();

function interpreterFor(language: SandboxLanguage, env: SandboxEnvironment): Interpreter {
  const key = `${language}:${env.root}`;
  let found = interpreterCache.get(key);
  if (!found) {
    const resolved = resolveInterpreter(language, env.root);
    if (!resolved) throw new Error(`no ${language === 'python' ? 'python3' : 'node'} that the sandbox can run was found`);
    found = resolved;
    interpreterCache.set(key, found);
  }
  return found;
}

function programArgs(language: SandboxLanguage, memoryMb: number): { file: string; args: string[] } {
  // -I: no user site-packages, no PYTHON* variables, script dir not on sys.path; -B: no .pyc files.
  if (language === 'python') return { file: 'main.py', args: ['-I', '-B', 'main.py'] };
  return { file: 'main.js', args: [`--max-old-space-size=${memoryMb}`, 'main.js'] };
}

/**
 * bwrap and the unshare level's shell report a child killed by signal N as exit code 128 + N; undo
 * that (a program calling exit(137) itself is read as SIGKILL: rare, and a failure either way).
 */
function normaliseExit(level: IsolationLevel, code: number | null, signal: NodeJS.Signals | null) {
  if (signal || code === null) return { exitCode: null, signal: signal ?? null };
  if (level !== 'rlimits-only' && code > 128 && code <= 128 + 64) {
    const name = Object.entries(osConstants.signals).find(([, n]) => n === code - 128)?.[0];
    if (name) return { exitCode: null, signal: name };
  }
  return { exitCode: code, signal: null };
}

const MEMORY_FAILURE = /\bMemoryError\b|JavaScript heap out of memory|Fatal process out of memory|Cannot allocate memory|std::bad_alloc|RangeError: Array buffer allocation failed/;

/** As root, every process of the run's uid is killed after it (rlimits-only: setsid escapes). */
function killUid(env: SandboxEnvironment, uid: number): Promise<void> {
  return new Promise((resolve) => {
    const p = spawn(env.tools.setpriv!, [`--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '--', env.tools.sh, '-c', 'kill -9 -1'], {
      stdio: 'ignore',
      env: {} as NodeJS.ProcessEnv,
    });
    p.on('error', () => resolve());
    p.on('close', () => resolve());
  });
}

export async function runSandboxed(request: SandboxRequest, options: RunOptions = {}): Promise<SandboxResult> {
  const env = detectSandbox(options.level);
  const limits = limitsOf(request);
  const interpreter = interpreterFor(request.language, env);
  const program = programArgs(request.language, limits.memoryMb);
  const isJs = request.language === 'javascript';

  const uid = env.root ? nextSandboxUid() : null;
  const dir = makeWorkdir(uid);
  try {
    writeProgram(dir, program.file, request.code, uid);
    const plan = preparePlan(env, {
      dir,
      uid,
      interpreter: { path: interpreter.path, args: program.args, roots: interpreter.roots },
      limits: {
        cpuSeconds: Math.max(1, Math.ceil(limits.cpuSeconds)),
        addressSpaceBytes: (limits.memoryMb + (isJs ? NODE_RESERVED_MB : 0)) * MiB,
        processes: processLimit(env, limits.maxProcesses + (isJs ? NODE_THREADS : 0)),
        fileSizeBytes: 64 * MiB,
        openFiles: 1024,
      },
    });
    const cmd = buildCommand(plan);
    const result = await execute(cmd.file, cmd.args, cmd.env, dir, limits.timeoutMs, limits.maxOutputBytes, env.level);
    if (uid !== null && env.level === 'rlimits-only') await killUid(env, uid);
    return result;
  } finally {
    await removeWorkdirAsync(dir);
  }
}

/**
 * RLIMIT_NPROC counts the tasks of the uid in the user namespace where the limit is applied. With a
 * namespace of its own (bwrap, unshare without root) or a throwaway uid (root) that is the run alone.
 * At rlimits-only as a normal user it is every process and thread of that user, so room is made
 * for what already runs.
 */
function processLimit(env: SandboxEnvironment, wanted: number): number {
  const shared = !env.root && env.level === 'rlimits-only';
  return shared ? countUserTasks() + wanted : wanted;
}

function limitsOf(request: SandboxRequest): SandboxLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as Array<keyof SandboxLimits>) {
    const value = request[key];
    if (value !== undefined) {
      if (!Number.isFinite(value) || value <= 0) throw new RangeError(`sandbox limit ${key} must be a positive number`);
      limits[key] = value;
    }
  }
  return limits;
}

function execute(
  file: string,
  args: string[],
  env: Record<string, string>,
  cwd: string,
  timeoutMs: number,
  maxOutputBytes: number,
  level: IsolationLevel,
): Promise<SandboxResult> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const stdout = new CappedOutput(maxOutputBytes);
    const stderr = new CappedOutput(maxOutputBytes);
    let killedReason: KilledReason | undefined;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    let durationMs = 0;

    // detached: the wrapper leads a new process group, so one kill(-pgid) reaches everything that
    // stayed in it; the namespace levels additionally take their PID namespace down with them.
    const child = spawn(file, args, { cwd, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const killAll = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      killedReason ??= 'timeout';
      killAll();
    }, timeoutMs);
    let graceTimer: NodeJS.Timeout | undefined;

    const onData = (sink: CappedOutput) => (chunk: Buffer) => {
      sink.push(chunk);
      if (stdout.total + stderr.total > Math.max(KILL_AFTER_OUTPUT_BYTES, maxOutputBytes * 4) && !killedReason) {
        killedReason = 'output';
        killAll();
      }
    };
    child.stdout.on('data', onData(stdout));
    child.stderr.on('data', onData(stderr));

    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      durationMs = performance.now() - start;
      clearTimeout(timer);
      // rlimits-only: what it left behind in its group goes too (the namespace levels take their whole
      // PID namespace down already, and a group id with no members left could be reused).
      if (level === 'rlimits-only') killAll();
      // Streams held open by an escaped process are cut after a grace period.
      graceTimer = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        finish();
      }, CLOSE_GRACE_MS);
    });
    child.on('close', () => finish());

    let done = false;
    function finish() {
      if (done || !exit) return;
      done = true;
      clearTimeout(graceTimer);
      const { exitCode, signal } = normaliseExit(level, exit.code, exit.signal);
      const err = stderr.toString();
      let reason = killedReason;
      if (!reason && signal === 'SIGXCPU') reason = 'cpu';
      if (!reason && (exitCode !== 0 || signal) && MEMORY_FAILURE.test(err.slice(-4096))) reason = 'memory';
      resolve({
        exitCode,
        signal,
        stdout: stdout.toString(),
        stderr: err,
        timedOut: killedReason === 'timeout',
        durationMs: Math.round(durationMs),
        ...(reason ? { killedReason: reason } : {}),
        level,
      });
    }
  });
}
