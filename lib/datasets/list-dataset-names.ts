import 'server-only';
import { prisma } from '../db/client';

/** Names of every dataset, alphabetical (for pickers). */
export async function listDatasetNames(): Promise<string[]> {
  const rows = await prisma.dataset.findMany({ select: { name: true }, orderBy: { name: 'asc' } });
  return rows.map((r) => r.name);
}
