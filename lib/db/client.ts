import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';

// One Prisma client per process (and one across Next.js dev reloads). DATABASE_URL is set by the
// launcher (npm start), the CLI or the test harness before the first query: see lib/db/connect.ts.
const globalForPrisma = globalThis as unknown as { winnowPrisma?: PrismaClient };

function create() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL is not set: start Winnow with `npm start` or set DATABASE_URL');
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: Number(process.env.WINNOW_DB_POOL ?? 10) }) });
}

export function prismaClient(): PrismaClient {
  globalForPrisma.winnowPrisma ??= create();
  return globalForPrisma.winnowPrisma;
}

/** Lazily created client: importing this module never connects. */
export const prisma = new Proxy({} as PrismaClient, {
  get(_target, key) {
    const client = prismaClient();
    const value = Reflect.get(client, key, client);
    return typeof value === 'function' ? value.bind(client) : value;
  },
});

export async function disconnectPrisma() {
  await globalForPrisma.winnowPrisma?.$disconnect();
  globalForPrisma.winnowPrisma = undefined;
}

export type { PrismaClient } from './generated/client';
export { Prisma } from './generated/client';
