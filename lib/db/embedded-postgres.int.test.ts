import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureEmbeddedPostgres, isAlive, releaseEmbeddedPostgres, runningPort, stopEmbeddedPostgres } from './embedded-postgres';

// Each test run uses its own data directory (cluster init ~1.5 s) so it never touches .data/pg.
const dataDir = fs.mkdtempSync(path.join(process.cwd(), '.data', 'embedded-test-'));
fs.chmodSync(dataDir, 0o755); // like .data/ in a checkout (mkdtemp makes 0700)
const pgDir = () => fs.realpathSync(path.join(dataDir, 'pg'));
const postmasterPid = () => Number(fs.readFileSync(path.join(pgDir(), 'postmaster.pid'), 'utf8').split('\n')[0]);

async function query(url: string, sql: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

afterAll(() => {
  stopEmbeddedPostgres(dataDir);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('embedded PostgreSQL shared by processes', () => {
  it('starts once and is found again by a second caller', async () => {
    const a = await ensureEmbeddedPostgres({ dataDir, database: 'shared', port: 54400 });
    const b = await ensureEmbeddedPostgres({ dataDir, database: 'shared' });
    expect(b).toBe(a);
    expect(await query(a, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('is not stopped while another live process uses it, and is stopped by the last one', async () => {
    const url = await ensureEmbeddedPostgres({ dataDir, database: 'shared' });
    const other = spawn('sleep', ['30']);
    fs.writeFileSync(path.join(dataDir, 'clients', String(other.pid)), '');
    await releaseEmbeddedPostgres({ dataDir });
    expect(runningPort(pgDir())).not.toBeNull();
    expect(await query(url, 'SELECT 2 AS two')).toEqual([{ two: 2 }]);

    other.kill('SIGKILL');
    await new Promise((r) => other.once('exit', r));
    await ensureEmbeddedPostgres({ dataDir, database: 'shared' });
    await releaseEmbeddedPostgres({ dataDir });
    expect(runningPort(pgDir())).toBeNull();
  });

  it('recovers after the server is killed with SIGKILL, keeping committed data', async () => {
    const url = await ensureEmbeddedPostgres({ dataDir, database: 'shared' });
    await query(url, 'CREATE TABLE IF NOT EXISTS kept (v int); INSERT INTO kept VALUES (42)');
    const pid = postmasterPid();
    process.kill(pid, 'SIGKILL');
    for (let i = 0; i < 50 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    // Children of the killed postmaster exit on their own; the next caller starts a fresh server.
    const again = await ensureEmbeddedPostgres({ dataDir, database: 'shared' });
    expect(await query(again, 'SELECT v FROM kept')).toEqual([{ v: 42 }]);
    await releaseEmbeddedPostgres({ dataDir });
  });

  it('two processes starting at the same moment share one server', async () => {
    const script = `import { ensureEmbeddedPostgres } from ${JSON.stringify(path.resolve('lib/db/embedded-postgres.ts'))};
      console.log(await ensureEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, database: 'race' }));`;
    const file = path.join(os.tmpdir(), `winnow-race-${process.pid}.mts`);
    fs.writeFileSync(file, script);
    const tsx = path.resolve('node_modules/.bin/tsx');
    const run = () =>
      new Promise<string>((resolve, reject) => {
        const p = spawn(tsx, [file], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        p.stdout.on('data', (d) => (out += d));
        p.on('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`exit ${code}`))));
      });
    const [a, b] = await Promise.all([run(), run()]);
    expect(a).toBe(b);
    // A second server on the same directory would have failed on PostgreSQL's own lock; both
    // processes got the URL of the one live postmaster.
    expect(isAlive(postmasterPid())).toBe(true);
    expect(new URL(a).port).toBe(String(runningPort(pgDir())));
    fs.rmSync(file);
  });
});
