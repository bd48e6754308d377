// Seeds the Insight fixture dataset into the running e2e database (E2E_DATABASE_URL, else the embedded
// server under .data/e2e) and prints {"datasetId": n}. Used by e2e/insight.spec.ts:
//   npx tsx --conditions=react-server lib/insight/testing/seed-e2e.ts <name>
import { ensureEmbeddedPostgres, releaseEmbeddedPostgres } from '../../db/embedded-postgres';
import { E2E_DATABASE } from '../../testing/e2e-constants';

const name = process.argv[2] ?? 'insight-e2e';
const external = process.env.E2E_DATABASE_URL;
const url = external ?? (await ensureEmbeddedPostgres({ dataDir: '.data/e2e', database: E2E_DATABASE }));
process.env.DATABASE_URL = url;
try {
  const { prisma, disconnectPrisma } = await import('../../db/client');
  const { closePgPool } = await import('../../db/pool');
  const existing = await prisma.dataset.findUnique({ where: { name } });
  if (existing) await prisma.dataset.delete({ where: { id: existing.id } });
  const { seedInsightDataset } = await import('./seed-insight');
  const { datasetId } = await seedInsightDataset({ name, judge: true, reviewPrompts: 100, costs: true, policy: { topK: 1, threshold: 0.5 } });
  await Promise.all([disconnectPrisma(), closePgPool()]);
  console.log(JSON.stringify({ datasetId }));
} finally {
  if (!external) await releaseEmbeddedPostgres({ dataDir: '.data/e2e' });
}
