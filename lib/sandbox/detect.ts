// Finds the strongest isolation this host allows, by actually starting `true` under each level in
// turn (a tool being installed is not enough: user namespaces may be disabled, bwrap may lack
// permissions). Synchronous and cached: sandboxInfo() is read by the UI, and probing costs ~50 ms once.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { buildCommand } from './build-command';
import { findExecutable, findHostTools, isRoot, type HostTools } from './host-tools';
import { preparePlan } from './prepare-plan';
import { nextSandboxUid } from './sandbox-uid';
import { makeWorkdir, removeWorkdir, sweepStaleWorkdirs } from './workdir';
import type { IsolationLevel, SandboxInfo } from './types';

export const LEVELS: IsolationLevel[] = ['bubblewrap', 'unshare', 'rlimits-only'];

export interface SandboxEnvironment {
  level: IsolationLevel;
  root: boolean;
  tools: HostTools & { sh: string; prlimit: string };
  bwrapDisableUserns: boolean;
  rootLinks: Record<string, string | null>;
  /** Existing real paths to hide at the unshare level (filtered per run by pathsToHide). */
  hideCandidates: string[];
  info: SandboxInfo;
}

function rootLinks(): Record<string, string | null> {
  const links: Record<string, string | null> = {};
  for (const dir of ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32']) {
    try {
      links[dir] = fs.lstatSync(dir).isSymbolicLink() ? fs.readlinkSync(dir) : null;
    } catch {
      // absent on this host
    }
  }
  return links;
}

function hideCandidates(): string[] {
  const wanted = ['/tmp', '/var/tmp', '/dev/shm', '/run/lock', '/home', '/root', os.homedir(), process.cwd()];
  const found = new Set<string>();
  for (const p of wanted) {
    try {
      const real = fs.realpathSync(p);
      if (fs.statSync(real).isDirectory()) found.add(real);
    } catch {
      // absent
    }
  }
  return [...found];
}

function describe(level: IsolationLevel, root: boolean, hidden: string[]): SandboxInfo {
  const common = [
    'Same kernel as the host and no seccomp filter: a kernel bug reachable from a system call is an escape.',
    'Memory is an address-space limit per process (RLIMIT_AS), not a cgroup: N processes may use N × the limit.',
    'The CPU limit is per process; the wall-clock timeout bounds the whole run.',
  ];
  const drop = root
    ? ['Runs as a throwaway unprivileged uid (Winnow is root): cannot read root-only files such as /etc/shadow or signal other processes.']
    : [];
  if (level === 'bubblewrap') {
    return {
      level,
      network: false,
      pidNamespace: true,
      privilegeDrop: root,
      filesystem: 'private',
      notes: [
        'bubblewrap: own user, PID, network (loopback only), IPC and UTS namespaces.',
        'Sees only /usr (read-only), /proc of its own namespace, a minimal /dev and its temp directory (the only writable place).',
        ...drop,
        ...common,
      ],
    };
  }
  if (level === 'unshare') {
    return {
      level,
      network: false,
      pidNamespace: true,
      privilegeDrop: root,
      filesystem: 'host-with-hidden-paths',
      notes: [
        'unshare: own mount, PID, network (no interfaces up), IPC and UTS namespaces.',
        `Sees the host file system (what its user may read) except ${hidden.join(', ')}, which are covered by empty tmpfs mounts.`,
        ...(root
          ? drop
          : ['Runs as your user (mapped to root in a user namespace): it can write your files outside the hidden paths. Install bubblewrap.']),
        ...common,
      ],
    };
  }
  return {
    level,
    network: true,
    pidNamespace: false,
    privilegeDrop: root,
    filesystem: 'host',
    notes: [
      'rlimits-only: resource limits, a scrubbed environment and its own process group; no namespaces.',
      'It can use the network, see every process in /proc and read whatever its user may read.',
      ...(root
        ? [...drop, 'It can write world-writable directories such as /tmp; its leftover processes are killed by uid after each run.']
        : [
            'It runs as your user: it can read and write your files, read /proc/<winnow pid>/environ (API keys!) and signal Winnow.',
            'A process that leaves its process group (setsid) can outlive the run.',
          ]),
      ...common,
    ],
  };
}

function probe(env: SandboxEnvironment): boolean {
  const dropToUid = env.root ? nextSandboxUid() : null;
  const dir = makeWorkdir(dropToUid);
  try {
    const truePath = fs.realpathSync(findExecutable('true') ?? '/bin/true');
    const plan = preparePlan(env, {
      dir,
      uid: dropToUid,
      interpreter: { path: truePath, args: [], roots: [] },
      limits: { cpuSeconds: 5, addressSpaceBytes: 1 << 30, processes: 64, fileSizeBytes: 1 << 20, openFiles: 64 },
    });
    const cmd = buildCommand(plan);
    const r = spawnSync(cmd.file, cmd.args, { cwd: dir, env: cmd.env as NodeJS.ProcessEnv, stdio: 'ignore', timeout: 10_000 });
    return r.status === 0;
  } catch {
    return false;
  } finally {
    removeWorkdir(dir);
  }
}

function attempt(level: IsolationLevel): SandboxEnvironment | null {
  const tools = findHostTools();
  const root = isRoot();
  if (!tools.sh || !tools.prlimit) return null;
  if (root && !tools.setpriv) return null; // never run untrusted code as root
  if (level === 'bubblewrap' && !tools.bwrap) return null;
  if (level === 'unshare' && !tools.unshare) return null;
  const hidden = level === 'unshare' ? hideCandidates() : [];
  const base = { level, root, tools: { ...tools, sh: tools.sh, prlimit: tools.prlimit }, rootLinks: rootLinks(), hideCandidates: hidden };
  if (level === 'rlimits-only') return { ...base, bwrapDisableUserns: false, info: describe(level, root, hidden) };
  // --disable-userns needs bwrap ≥ 0.8; try with it first.
  for (const bwrapDisableUserns of level === 'bubblewrap' ? [true, false] : [false]) {
    const env = { ...base, bwrapDisableUserns, info: describe(level, root, hidden) };
    if (probe(env)) return env;
  }
  return null;
}

const cache = new Map<string, SandboxEnvironment>();

/**
 * The environment for `force` (a level, or WINNOW_SANDBOX_LEVEL), else the strongest that works.
 * Throws when a forced level is unavailable, or when none is (no prlimit; root without setpriv).
 */
export function detectSandbox(force?: IsolationLevel): SandboxEnvironment {
  const wanted = force ?? (process.env.WINNOW_SANDBOX_LEVEL as IsolationLevel | undefined);
  if (wanted && !LEVELS.includes(wanted)) throw new Error(`WINNOW_SANDBOX_LEVEL must be one of ${LEVELS.join(', ')}`);
  const key = wanted ?? 'auto';
  const cached = cache.get(key);
  if (cached) return cached;
  if (!cache.size) sweepStaleWorkdirs();
  let found: SandboxEnvironment | null = null;
  for (const level of wanted ? [wanted] : LEVELS) {
    found = attempt(level);
    if (found) break;
  }
  if (!found) {
    throw new Error(
      wanted
        ? `sandbox level ${wanted} is not available on this host (see lib/sandbox/README.md)`
        : 'no sandbox available: prlimit and sh (and setpriv when running as root) are required (util-linux)',
    );
  }
  cache.set(key, found);
  return found;
}

/** What isolation generated code runs under here, for the UI and README. */
export function sandboxInfo(force?: IsolationLevel): SandboxInfo {
  return detectSandbox(force).info;
}

