// The sandbox's fresh temp directory: the only place it may write; removed after the run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PREFIX = 'winnow-sandbox-';

export function makeWorkdir(ownerUid: number | null): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), PREFIX));
  // mkdtemp gives 0700: with a dropped uid, hand the directory to that uid (and nobody else).
  if (ownerUid !== null) fs.chownSync(dir, ownerUid, ownerUid);
  return dir;
}

export function writeProgram(dir: string, name: string, code: string, ownerUid: number | null): void {
  const file = path.join(dir, name);
  fs.writeFileSync(file, code, { mode: 0o600 });
  if (ownerUid !== null) fs.chownSync(file, ownerUid, ownerUid);
}

export function removeWorkdir(dir: string): void {
  try {
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
  } catch {
    // best effort: a leftover temp directory is not worth failing the evaluation for
  }
}

export async function removeWorkdirAsync(dir: string): Promise<void> {
  await fs.promises.rm(dir, { recursive: true, force: true, maxRetries: 2 }).catch(() => undefined);
}

/**
 * Removes temp directories left by a Winnow process that died mid-run (its `finally` never ran).
 * Only ones untouched for an hour: far past any run's timeout, so never a live run's.
 */
export function sweepStaleWorkdirs(now = Date.now(), maxAgeMs = 60 * 60 * 1000): void {
  let entries: string[];
  try {
    entries = fs.readdirSync(os.tmpdir()).filter((e) => e.startsWith(PREFIX));
  } catch {
    return;
  }
  for (const entry of entries) {
    const dir = path.join(os.tmpdir(), entry);
    try {
      if (now - fs.lstatSync(dir).mtimeMs > maxAgeMs) removeWorkdir(dir);
    } catch {
      // gone meanwhile
    }
  }
}
