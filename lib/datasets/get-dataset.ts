import 'server-only';
import { prisma } from '../db/client';
import { getDatasetCounts, type DatasetCounts } from './get-dataset-status';

export type DatasetDetail = {
  id: number;
  name: string;
  description: string;
  createdAt: string;
  updatedAt: string;
  counts: DatasetCounts;
};

/** A dataset with its progress counts, or null if there is no dataset with that id. */
export async function getDataset(id: number): Promise<DatasetDetail | null> {
  const d = await prisma.dataset.findUnique({
    where: { id },
    select: { id: true, name: true, description: true, createdAt: true, updatedAt: true },
  });
  if (!d) return null;
  return {
    id: d.id,
    name: d.name,
    description: d.description,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    counts: await getDatasetCounts(d.id),
  };
}
