import 'server-only';
import { prisma } from '../db/client';
import { getDatasetStats, type DatasetStats } from './get-dataset-stats';
import type { StatsQuery } from './schemas';
import { cachedStats } from './stats-cache';

export interface DatasetStatsResult {
  dataset: { id: number; name: string };
  stats: DatasetStats;
}

/**
 * A dataset's Insight figures by id or name; null when there is no such dataset. Served from the
 * in-process cache while nothing was written (stats-cache.ts); `fresh` recomputes.
 */
export async function loadDatasetStats(where: { id: number } | { name: string }, query: StatsQuery = {}): Promise<DatasetStatsResult | null> {
  const started = performance.now();
  const d = await prisma.dataset.findUnique({ where, select: { id: true, name: true, policy: true } });
  if (!d) return null;
  const targetPrecision = query.targetPrecision ?? null;
  const key = `${JSON.stringify(d.policy)}|${targetPrecision}`;
  const { value, cachedAt } = await cachedStats(d.id, key, () => getDatasetStats(d.id, { policy: d.policy, targetPrecision }), { fresh: query.fresh });
  const stats: DatasetStats = cachedAt === null ? value : { ...value, cachedAt: new Date(cachedAt).toISOString(), serverMs: Math.round(performance.now() - started) };
  return { dataset: { id: d.id, name: d.name }, stats };
}
