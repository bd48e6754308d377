import { defineConfig } from 'prisma/config';

// The datasource URL is only needed by Prisma's own CLI (e.g. `prisma migrate deploy` for users
// with the native engine). Winnow itself applies migrations offline through lib/db/migrate.ts.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/winnow' },
});
