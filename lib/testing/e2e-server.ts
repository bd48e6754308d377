// The server Playwright tests talk to: a fresh database `winnow_e2e` (on the embedded server under
// .data/e2e unless E2E_DATABASE_URL is set), migrated, with the demo dataset, and the production
// build (`next build` must have run) on E2E_PORT, and the fake OpenAI-compatible server on FAKE_OPENAI_PORT
// (the app's in-process worker generates against it; its key is in the app's environment).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  FAKE_OPENAI_KEY,
  FAKE_OPENAI_KEY_ENV,
  FAKE_OPENAI_LATENCY_MS,
  FAKE_OPENAI_PORT,
  FAKE_OPENAI_URL_ENV,
  SENTINEL_ENV,
  SENTINEL_KEY,
  SERVER_LOG,
} from './e2e-constants';
import { startFakeOpenAI } from './fake-openai';
import { ensureEmbeddedPostgres, releaseEmbeddedPostgres } from '../db/embedded-postgres';
import { applyMigrations } from '../db/migrate';
import { seedDemo } from '../demo/seed-demo';
import { recreateDatabase } from './recreate-database';

const dataDir = '.data/e2e';
const external = process.env.E2E_DATABASE_URL;
const base = external ?? (await ensureEmbeddedPostgres({ dataDir, database: 'postgres' }));
const url = await recreateDatabase(base, 'winnow_e2e');
await applyMigrations(url);
process.env.DATABASE_URL = url;
await seedDemo({ log: (l) => console.log(l) });

const fake = await startFakeOpenAI({ port: FAKE_OPENAI_PORT, apiKey: FAKE_OPENAI_KEY, latencyMs: FAKE_OPENAI_LATENCY_MS, jitterMs: 20, supportsN: true });
console.log(`Fake OpenAI-compatible server on ${fake.url}`);

const port = process.env.E2E_PORT ?? '3100';
// The server's output is also kept in a file: the secret-sentinel test greps it for leaked keys.
fs.mkdirSync(path.dirname(SERVER_LOG), { recursive: true });
const log = fs.createWriteStream(SERVER_LOG, { flags: 'w' });
const next = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', port, '-H', '127.0.0.1'], {
  stdio: ['ignore', 'pipe', 'pipe'],
  env: {
    ...process.env,
    DATABASE_URL: url,
    NEXT_TELEMETRY_DISABLED: '1',
    [SENTINEL_ENV]: SENTINEL_KEY,
    [FAKE_OPENAI_KEY_ENV]: FAKE_OPENAI_KEY,
    [FAKE_OPENAI_URL_ENV]: fake.url,
  },
});
for (const stream of [next.stdout!, next.stderr!]) {
  stream.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    log.write(chunk);
  });
}

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  next.kill('SIGTERM');
  await fake.close().catch(() => {});
  if (!external) await releaseEmbeddedPostgres({ dataDir });
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
next.on('exit', stop);
