// Finds the host programs the sandbox is built from. System directories are searched before PATH
// so a PATH entry (e.g. a pyenv or nvm shim directory) cannot swap in a different `bwrap`.
import fs from 'node:fs';
import path from 'node:path';

const SYSTEM_DIRS = ['/usr/bin', '/bin', '/usr/sbin', '/sbin', '/usr/local/bin', '/usr/local/sbin'];

export interface HostTools {
  sh: string | null;
  prlimit: string | null;
  setpriv: string | null;
  unshare: string | null;
  bwrap: string | null;
}

export function findExecutable(name: string, extraDirs: string[] = (process.env.PATH ?? '').split(':')): string | null {
  for (const dir of [...SYSTEM_DIRS, ...extraDirs]) {
    if (!dir || !path.isAbsolute(dir)) continue;
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return null;
}

export function findHostTools(): HostTools {
  return {
    sh: findExecutable('sh'),
    prlimit: findExecutable('prlimit'),
    setpriv: findExecutable('setpriv'),
    unshare: findExecutable('unshare'),
    bwrap: findExecutable('bwrap'),
  };
}

export const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;
