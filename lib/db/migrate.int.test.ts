import fs from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { applyMigrations, createMigration, loadMigrationList, MIGRATIONS_DIR } from './migrate';

describe('offline migrations (wasm schema engine)', () => {
  it('are recorded in the standard _prisma_migrations table and re-applying is a no-op', async () => {
    const url = process.env.DATABASE_URL!;
    expect(await applyMigrations(url)).toEqual([]); // global setup applied them already
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const { rows } = await c.query('SELECT migration_name, finished_at IS NOT NULL AS done FROM _prisma_migrations ORDER BY migration_name');
    await c.end();
    expect(rows.map((r) => r.migration_name)).toEqual(loadMigrationList().migrationDirectories.map((d) => d.path));
    expect(rows.every((r) => r.done)).toBe(true);
  });

  it('schema.prisma has no change that lacks a migration', async () => {
    const before = fs.readdirSync(MIGRATIONS_DIR);
    const created = await createMigration(process.env.DATABASE_URL!, 'drift_check');
    if (created) fs.rmSync(created, { recursive: true });
    expect(created, 'run `npm run db:migration -- <name>` after changing prisma/schema.prisma').toBeNull();
    expect(fs.readdirSync(MIGRATIONS_DIR)).toEqual(before);
  });
});
