// Which python3 / node binary the sandbox runs. When Winnow is root the program runs as a throwaway
// uid, so the binary must be reachable by "other" users: /root/.pyenv or ~/.nvm are not (and a
// pyenv shim is a shell script that needs the caller's HOME). System paths are preferred.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findExecutable } from './host-tools';
import type { SandboxLanguage } from './types';

export interface Interpreter {
  /** Real path of the binary (symlinks resolved), executed directly. */
  path: string;
  /** Directories to make visible read-only under bubblewrap, which otherwise shows only /usr. */
  roots: string[];
}

/** Every directory on the way is searchable by others and the file is executable by others. */
export function reachableByOthers(file: string): boolean {
  try {
    if ((fs.statSync(file).mode & 0o001) === 0) return false;
    for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
      if ((fs.statSync(dir).mode & 0o001) === 0) return false;
      if (dir === '/') return true;
    }
  } catch {
    return false;
  }
}

function realExecutable(file: string | null | undefined): string | null {
  if (!file) return null;
  try {
    const real = fs.realpathSync(file);
    fs.accessSync(real, fs.constants.X_OK);
    return real;
  } catch {
    return null;
  }
}

/** Asks a python3 found on PATH (possibly a shim) for the binary it really is. */
function pythonBehindPath(): string | null {
  const onPath = findExecutable('python3');
  if (!onPath) return null;
  const r = spawnSync(onPath, ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8', timeout: 10_000 });
  return r.status === 0 ? r.stdout.trim() : null;
}

function candidates(language: SandboxLanguage): Array<() => string | null | undefined> {
  if (language === 'python') {
    return [
      () => process.env.WINNOW_SANDBOX_PYTHON,
      () => '/usr/bin/python3',
      () => '/usr/local/bin/python3',
      pythonBehindPath,
    ];
  }
  return [() => process.env.WINNOW_SANDBOX_NODE, () => process.execPath, () => '/usr/bin/node', () => '/usr/local/bin/node', () => findExecutable('node')];
}

/** The first usable interpreter, or null. `forOthers`: it must run as an unprivileged uid. */
export function resolveInterpreter(language: SandboxLanguage, forOthers: boolean): Interpreter | null {
  for (const candidate of candidates(language)) {
    const real = realExecutable(candidate());
    if (!real || (forOthers && !reachableByOthers(real))) continue;
    // e.g. /opt/python/3.11/bin/python3 -> /opt/python/3.11 (its stdlib and shared libraries live there).
    const roots = real.startsWith('/usr/') ? [] : [path.dirname(path.dirname(real))];
    return { path: real, roots };
  }
  return null;
}
