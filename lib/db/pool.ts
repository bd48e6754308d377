import 'server-only';
import pg from 'pg';

// A plain node-postgres pool for what Prisma does not do: COPY streams (bulk import/export) and
// hand-tuned SQL on hot paths. Same DATABASE_URL as the Prisma client.
const globalForPool = globalThis as unknown as { winnowPool?: pg.Pool };

export function pgPool(): pg.Pool {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL is not set');
  globalForPool.winnowPool ??= new pg.Pool({ connectionString, max: Number(process.env.WINNOW_DB_POOL ?? 10) });
  return globalForPool.winnowPool;
}

export async function closePgPool() {
  await globalForPool.winnowPool?.end();
  globalForPool.winnowPool = undefined;
}
