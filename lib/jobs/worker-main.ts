// `npm run worker [-- --concurrency K]`: a generation worker process (in addition to the one inside
// the web app). Any number can run, on any machine that reaches the database; endpoint limits hold
// across all of them. Stops cleanly on SIGINT/SIGTERM (unfinished jobs go back to the queue).
import { parseArgs } from 'node:util';
import pg from 'pg';
import { connectDatabase } from '../db/connect';
import { applyMigrations, loadMigrationList } from '../db/migrate';

const { values } = parseArgs({ options: { concurrency: { type: 'string' } } });
const log = (l: string) => process.stderr.write(`${l}\n`);
const conn = await connectDatabase({ log, migrate: false });
if (await migrationsPending(conn.url)) {
  const applied = await applyMigrations(conn.url);
  if (applied.length) log(`Applied migrations: ${applied.join(', ')}`);
}
const { startWorker, stopWorker } = await import('./worker');
const { stopBoss } = await import('./boss');
const { closePgPool } = await import('../db/pool');

await startWorker({ concurrency: values.concurrency ? Number(values.concurrency) : undefined, log });

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await stopWorker();
  await stopBoss();
  await closePgPool();
  await conn.release();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());

/** Loading Prisma's wasm schema engine costs seconds; only do it when a migration is missing. */
async function migrationsPending(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ migration_name: string }>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    const applied = new Set(rows.map((r) => r.migration_name));
    return loadMigrationList().migrationDirectories.some((d) => !applied.has(d.path));
  } catch {
    return true; // no migrations table yet
  } finally {
    await client.end();
  }
}
