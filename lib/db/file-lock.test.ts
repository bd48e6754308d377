import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withFileLock } from './file-lock';

const lockFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lock-')), 'x.lock');

describe('withFileLock', () => {
  it('runs critical sections one at a time', async () => {
    const file = lockFile();
    const events: string[] = [];
    const section = (name: string) =>
      withFileLock(file, async () => {
        events.push(`${name}:in`);
        await new Promise((r) => setTimeout(r, 150));
        events.push(`${name}:out`);
      });
    await Promise.all([section('a'), section('b')]);
    expect(events).toEqual(['a:in', 'a:out', 'b:in', 'b:out']);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('takes over a lock whose holder is dead', async () => {
    const file = lockFile();
    fs.writeFileSync(file, '999999999');
    expect(await withFileLock(file, async () => 'got it', 1000)).toBe('got it');
  });

  it('releases the lock when the section throws', async () => {
    const file = lockFile();
    await expect(withFileLock(file, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(fs.existsSync(file)).toBe(false);
  });

  it('times out while a live process holds it', async () => {
    const file = lockFile();
    fs.writeFileSync(file, String(process.ppid));
    await expect(withFileLock(file, async () => 1, 300)).rejects.toThrow(/Timed out/);
  });
});
