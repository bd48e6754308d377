// `npm start`: the one command that brings Winnow up. Uses DATABASE_URL if set, else starts the
// embedded PostgreSQL under .data/; applies migrations; loads the demo dataset once (WINNOW_DEMO=0
// skips it); builds the app if there is no build or the sources changed; serves it on PORT (3000).
// Ctrl-C stops the web server and then the embedded database.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { connectDatabase } from '../db/connect';
import { disconnectPrisma } from '../db/client';
import { closePgPool } from '../db/pool';
import { seedDemo } from '../demo/seed-demo';
import { buildIsStale } from './build-is-stale';

const root = process.cwd();
const dev = process.argv.includes('--dev');
const port = process.env.PORT ?? '3000';
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const say = (line: string) => console.log(`[winnow] ${line}`);

if (!dev && buildIsStale(root)) {
  say('Building the app (first start or sources changed) …');
  const build = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit', env });
  if (build.status !== 0) {
    console.error('[winnow] Build failed; see the output above.');
    process.exit(1);
  }
}

const conn = await connectDatabase({ log: say });
say(conn.embedded ? `Embedded PostgreSQL ready (${conn.url.replace(/:[^:@/]+@/, ':***@')})` : 'Using DATABASE_URL');
await seedDemo({ log: say });
await Promise.all([disconnectPrisma(), closePgPool()]);

const server: ChildProcess = spawn(process.execPath, [nextBin, dev ? 'dev' : 'start', '-p', port], {
  stdio: 'inherit',
  env: { ...env, DATABASE_URL: conn.url },
});
say(`Winnow is starting on http://localhost:${port}`);

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (server.exitCode === null && server.signalCode === null) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
  await conn.release();
  if (conn.embedded) say('Stopped. Data is kept in .data/');
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
server.on('exit', (code) => void shutdown(code ?? 0));
