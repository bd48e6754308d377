// Pure: turns an isolation level, a temp directory and limits into the argv that runs the program.
// Each layer execs the next (no shells except the unshare level's mount script), so a run costs
// a few exec()s on top of the interpreter's own start.
//
//   bubblewrap:   [setpriv →] bwrap (user/pid/net/ipc/uts namespaces, private root) → prlimit → interpreter
//   unshare:      unshare (mount/pid/net/ipc/uts) → sh (hide paths, re-bind the temp dir) → [setpriv →] prlimit → interpreter
//   rlimits-only: [setpriv →] prlimit → interpreter
// setpriv (drop to a throwaway uid) is used only when Winnow runs as root.
import path from 'node:path';
import type { IsolationLevel } from './types';

export interface ResourceLimits {
  cpuSeconds: number;
  addressSpaceBytes: number;
  processes: number;
  fileSizeBytes: number;
  openFiles: number;
}

export interface CommandPlan {
  level: IsolationLevel;
  /** Run as this uid (and gid); only possible when Winnow is root. */
  dropToUid: number | null;
  /** unshare level without root: a user namespace maps the caller to root inside. */
  mapRootUser: boolean;
  tools: { sh: string; prlimit: string; setpriv?: string | null; unshare?: string | null; bwrap?: string | null };
  /** bwrap ≥ 0.8 can forbid nested user namespaces (less kernel surface). */
  bwrapDisableUserns: boolean;
  /** For /bin, /lib, … : symlink target on merged-/usr systems, or null for a real directory. */
  rootLinks: Record<string, string | null>;
  /** Host path of the fresh temp directory (cwd of the spawned process). */
  dir: string;
  /** unshare level: paths covered by an empty tmpfs (listed in MOUNTS_FILE in `dir` by the caller). */
  hidePaths: string[];
  interpreter: { path: string; args: string[]; roots: string[] };
  limits: ResourceLimits;
}

export interface Command {
  file: string;
  args: string[];
  env: Record<string, string>;
  /** Where the program sees its directory (bwrap: /sandbox; otherwise the host path). */
  workdir: string;
}

export const BWRAP_WORKDIR = '/sandbox';

export function childEnv(workdir: string): Record<string, string> {
  // Nothing from Winnow's environment: API keys, DATABASE_URL, NODE_OPTIONS, PYTHONPATH … stay out.
  return { PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'C.UTF-8', HOME: workdir, TMPDIR: workdir };
}

function setprivArgs(plan: CommandPlan): string[] {
  if (plan.dropToUid === null) return [];
  if (!plan.tools.setpriv) throw new Error('setpriv is required to drop privileges');
  const id = String(plan.dropToUid);
  return [
    plan.tools.setpriv,
    `--reuid=${id}`,
    `--regid=${id}`,
    '--clear-groups',
    '--inh-caps=-all',
    '--bounding-set=-all',
    // setuid binaries (su, mount, …) cannot raise privileges again.
    '--no-new-privs',
    '--',
  ];
}

function prlimitArgs(plan: CommandPlan): string[] {
  const l = plan.limits;
  return [
    plan.tools.prlimit,
    `--as=${l.addressSpaceBytes}`,
    // SIGXCPU at the soft limit (Python and Node die of it), SIGKILL one second later.
    `--cpu=${l.cpuSeconds}:${l.cpuSeconds + 1}`,
    `--nproc=${l.processes}`,
    `--fsize=${l.fileSizeBytes}`,
    `--nofile=${l.openFiles}`,
    '--core=0',
    '--',
  ];
}

function bwrapArgs(plan: CommandPlan, env: Record<string, string>): string[] {
  if (!plan.tools.bwrap) throw new Error('bwrap not found');
  const args = [
    plan.tools.bwrap,
    '--unshare-user',
    '--unshare-ipc',
    '--unshare-pid',
    '--unshare-net',
    '--unshare-uts',
    '--unshare-cgroup-try',
    ...(plan.bwrapDisableUserns ? ['--disable-userns'] : []),
    '--die-with-parent',
    // Own session: no TIOCSTI into Winnow's terminal, and our process-group kill does not depend on it.
    '--new-session',
    '--ro-bind', '/usr', '/usr',
  ];
  for (const [dir, target] of Object.entries(plan.rootLinks)) {
    args.push(...(target === null ? ['--ro-bind-try', dir, dir] : ['--symlink', target, dir]));
  }
  for (const root of plan.interpreter.roots) args.push('--ro-bind', root, root);
  args.push(
    '--proc', '/proc',
    '--dev', '/dev',
    // bwrap's /dev is a private tmpfs; make it read-only so /dev/shm is not scratch space beyond RLIMIT_AS.
    '--remount-ro', '/dev',
    '--bind', plan.dir, BWRAP_WORKDIR,
    '--chdir', BWRAP_WORKDIR,
    // The root is bwrap's own tmpfs: read-only, so the temp directory is the only writable place.
    '--remount-ro', '/',
    '--clearenv',
  );
  for (const [k, v] of Object.entries(env)) args.push('--setenv', k, v);
  args.push('--');
  return args;
}

export const MOUNTS_FILE = '.winnow-mounts';

/**
 * Runs in the new mount namespace as (namespace) root, before privileges are dropped. One `mount -a`
 * puts an empty tmpfs over every hidden path (listed in an fstab file in the temp directory; one
 * exec instead of one per path), then the temp directory is bound over the shared temp root it
 * lives in (e.g. /tmp), hiding other runs' files. `--no-canonicalize --bind .` binds the cwd's
 * inode, which stays reachable although its path is now covered. $1 = where it appears, then the command.
 */
export const UNSHARE_MOUNT_SCRIPT = [
  'set -e',
  `if [ -s ${MOUNTS_FILE} ]; then mount -a -T ${MOUNTS_FILE}; fi`,
  'mount --no-canonicalize --bind . "$1"',
  'cd "$1"; unset OLDPWD; shift',
  // Not exec: the shell stays PID 1 (as root, out of the program's reach). A program that is PID 1
  // ignores signals it has no handler for, SIGXCPU included; the exit status becomes 128 + signal.
  '"$@"',
].join('\n');

/** fstab lines for the hidden paths (spaces and tabs octal-escaped, as fstab wants). */
export function hiddenPathsFstab(paths: string[]): string {
  const esc = (p: string) => p.replace(/\\/g, '\\134').replace(/ /g, '\\040').replace(/\t/g, '\\011').replace(/\n/g, '\\012');
  return paths.map((p) => `winnow-hidden ${esc(p)} tmpfs size=64k,mode=755,nosuid,nodev,noexec 0 0\n`).join('');
}

function unshareArgs(plan: CommandPlan): string[] {
  if (!plan.tools.unshare) throw new Error('unshare not found');
  return [
    plan.tools.unshare,
    ...(plan.mapRootUser ? ['--map-root-user'] : []),
    '--mount',
    '--net',
    '--pid',
    '--ipc',
    '--uts',
    '--fork',
    // PID 1 of the namespace dies with unshare, and with it every process in the namespace.
    '--kill-child',
    '--mount-proc',
    '--',
    plan.tools.sh,
    '-c',
    UNSHARE_MOUNT_SCRIPT,
    'winnow-sandbox',
    unshareWorkdir(plan.dir),
  ];
}

export function buildCommand(plan: CommandPlan): Command {
  const workdir = plan.level === 'bubblewrap' ? BWRAP_WORKDIR : plan.level === 'unshare' ? unshareWorkdir(plan.dir) : plan.dir;
  const env = childEnv(workdir);
  const program = [plan.interpreter.path, ...plan.interpreter.args];
  let argv: string[];
  // prlimit inside the user namespace: RLIMIT_NPROC then counts the sandbox's own processes, not
  // every process of the user (which, for a non-root user, would leave no room to fork at all).
  if (plan.level === 'bubblewrap') argv = [...setprivArgs(plan), ...bwrapArgs(plan, env), ...prlimitArgs(plan), ...program];
  else if (plan.level === 'unshare') argv = [...unshareArgs(plan), ...setprivArgs(plan), ...prlimitArgs(plan), ...program];
  else argv = [...setprivArgs(plan), ...prlimitArgs(plan), ...program];
  return { file: argv[0], args: argv.slice(1), env, workdir };
}

/** At the unshare level the program's directory is mounted over the temp root holding it. */
export const unshareWorkdir = (dir: string) => path.dirname(dir);

/**
 * Paths to cover with an empty tmpfs at the unshare level: shared temp directories (other runs'
 * files, and where a program could leave something behind), homes and the project (source, .env).
 * Outermost only. Existence is checked by the caller.
 */
export function pathsToHide(opts: { dir: string; candidates: string[]; keep: string[] }): string[] {
  const inside = (p: string, parent: string) => p === parent || p.startsWith(parent.endsWith('/') ? parent : parent + '/');
  // The temp root is covered by the program's own directory instead; its ancestors must stay
  // (the bind needs its mount point), and so must anything holding the interpreter.
  const tempRoot = unshareWorkdir(opts.dir);
  const keep = [...opts.keep, tempRoot];
  const all = [...new Set(opts.candidates.map((p) => path.resolve(p)))].filter((p) => p !== '/' && !keep.some((k) => inside(k, p)));
  return all.filter((p) => !all.some((q) => q !== p && inside(p, q))).sort();
}
