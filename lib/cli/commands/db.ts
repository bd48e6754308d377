import type { Command } from 'commander';
import { ensureEmbeddedPostgres, releaseEmbeddedPostgres } from '../../db/embedded-postgres';
import { applyMigrations, createMigration } from '../../db/migrate';
import { action } from '../run-command';

async function withUrl<T>(fn: (url: string) => Promise<T>) {
  const external = process.env.DATABASE_URL;
  const url = external ?? (await ensureEmbeddedPostgres({ log: (l) => process.stderr.write(`${l}\n`) }));
  try {
    return await fn(url);
  } finally {
    if (!external) await releaseEmbeddedPostgres();
  }
}

export function registerDbCommands(program: Command) {
  const db = program.command('db').description('database maintenance');
  db.command('migrate')
    .description('apply pending migrations (offline, through Prisma’s wasm schema engine)')
    .action(
      action(async () => {
        const applied = await withUrl(applyMigrations);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
      }),
    );
  db.command('migration')
    .description('create the next migration from changes to prisma/schema.prisma')
    .argument('<name>', 'short name, letters/digits/_')
    .action(
      action(async (name: string) => {
        const folder = await withUrl((url) => createMigration(url, name));
        console.log(folder ? `Created ${folder}` : 'No schema change: no migration created.');
      }),
    );
}
