import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeWorkdir, sweepStaleWorkdirs, writeProgram } from './workdir';

describe('workdir', () => {
  it('sweeps only directories untouched for longer than the limit', () => {
    const stale = makeWorkdir(null);
    const fresh = makeWorkdir(null);
    writeProgram(stale, 'main.py', 'pass', null);
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    fs.utimesSync(stale, old, old);
    sweepStaleWorkdirs();
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true);
    fs.rmSync(fresh, { recursive: true });
    expect(path.dirname(fresh)).toBe(os.tmpdir());
  });
});
