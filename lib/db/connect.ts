// Where the database is: DATABASE_URL if set (nothing is started), else the embedded PostgreSQL
// under .data/ (started if needed, shared with other Winnow processes). Migrations are applied.
import { ensureEmbeddedPostgres, releaseEmbeddedPostgres } from './embedded-postgres';
import { applyMigrations } from './migrate';

export type Connection = { url: string; embedded: boolean; release: () => Promise<void> };

export async function connectDatabase(opts: { migrate?: boolean; log?: (l: string) => void } = {}): Promise<Connection> {
  const log = opts.log ?? (() => {});
  const external = process.env.DATABASE_URL;
  const url = external ?? (await ensureEmbeddedPostgres({ log }));
  process.env.DATABASE_URL = url;
  if (opts.migrate !== false) {
    const applied = await applyMigrations(url);
    if (applied.length) log(`Applied migrations: ${applied.join(', ')}`);
  }
  return {
    url,
    embedded: !external,
    release: external ? async () => {} : () => releaseEmbeddedPostgres({ log }),
  };
}
