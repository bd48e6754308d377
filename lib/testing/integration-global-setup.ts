// Integration tests run against a real PostgreSQL: TEST_DATABASE_URL if given, else a dedicated
// database `winnow_test` on the embedded server under .data/test (never the user's .data/pg).
import type { TestProject } from 'vitest/node';
import { ensureEmbeddedPostgres, releaseEmbeddedPostgres } from '../db/embedded-postgres';
import { applyMigrations } from '../db/migrate';
import { recreateDatabase } from './recreate-database';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

const dataDir = '.data/test';

export default async function setup(project: TestProject) {
  const external = process.env.TEST_DATABASE_URL;
  const base = external ?? (await ensureEmbeddedPostgres({ dataDir, database: 'postgres' }));
  const url = await recreateDatabase(base, process.env.WINNOW_TEST_DB ?? 'winnow_test');
  await applyMigrations(url);
  project.provide('databaseUrl', url);
  return async () => {
    if (!external) await releaseEmbeddedPostgres({ dataDir });
  };
}
