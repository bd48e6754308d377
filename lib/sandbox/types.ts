// Shapes shared by the sandbox runner, the pool and the isolation detector.

export type SandboxLanguage = 'python' | 'javascript';

/** Strongest first. See README.md for what each one does and does not protect against. */
export type IsolationLevel = 'bubblewrap' | 'unshare' | 'rlimits-only';

export interface SandboxLimits {
  /** Wall clock; the whole sandbox (process group / PID namespace) is killed after it. */
  timeoutMs: number;
  /** RLIMIT_CPU per process (SIGXCPU at the limit, SIGKILL a second later). */
  cpuSeconds: number;
  /** RLIMIT_AS per process. For JavaScript, V8 also gets --max-old-space-size=memoryMb (see build-command.ts). */
  memoryMb: number;
  /** RLIMIT_NPROC for the sandbox's user (threads count too). */
  maxProcesses: number;
  /** Each of stdout and stderr is cut to this many bytes (head and tail kept, marker between). */
  maxOutputBytes: number;
}

export interface SandboxRequest extends Partial<SandboxLimits> {
  language: SandboxLanguage;
  /** The whole program; written to a file in the sandbox's fresh temp directory. */
  code: string;
}

export type KilledReason = 'timeout' | 'cpu' | 'memory' | 'output';

export interface SandboxResult {
  /** null when the program was ended by a signal. */
  exitCode: number | null;
  /** e.g. 'SIGKILL', 'SIGXCPU'; null when it exited by itself. */
  signal: string | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  durationMs: number;
  /** Why the program did not finish on its own, when known. */
  killedReason?: KilledReason;
  /** The isolation the program ran under. */
  level: IsolationLevel;
}

export interface SandboxInfo {
  level: IsolationLevel;
  /** true when the sandboxed program can reach the network (rlimits-only). */
  network: boolean;
  /** true when it runs in its own PID namespace (cannot see or signal other processes). */
  pidNamespace: boolean;
  /** true when it runs as a throwaway unprivileged uid (only possible when Winnow runs as root). */
  privilegeDrop: boolean;
  /** What it can see of the file system: only /usr and its own directory, the host with secrets hidden, or the host. */
  filesystem: 'private' | 'host-with-hidden-paths' | 'host';
  /** Human-readable caveats, for the UI and logs. */
  notes: string[];
}

export const DEFAULT_LIMITS: SandboxLimits = {
  timeoutMs: 10_000,
  cpuSeconds: 10,
  memoryMb: 1024,
  maxProcesses: 32,
  maxOutputBytes: 64 * 1024,
};
