import 'server-only';
import { prisma } from '../db/client';
import { getRederiveStatus } from '../evaluation/judge/rederive-status';
import { isRederiving } from '../evaluation/rederive-dataset';
import { getDatasetStats, type DatasetStats } from './get-dataset-stats';
import type { StatsQuery } from './schemas';

export interface DatasetStatsResult {
  dataset: { id: number; name: string };
  stats: DatasetStats;
}

/**
 * A dataset's Insight figures by id or name; null when there is no such dataset. Read from the summary
 * tables the triggers keep exact on every write (so never stale); `fresh` recomputes them from the
 * base tables instead (seconds at a million candidates).
 */
export async function loadDatasetStats(where: { id: number } | { name: string }, query: StatsQuery = {}): Promise<DatasetStatsResult | null> {
  const started = performance.now();
  const d = await prisma.dataset.findUnique({ where, select: { id: true, name: true, policy: true } });
  if (!d) return null;
  const [stats, rederiving] = await Promise.all([
    getDatasetStats(d.id, { policy: d.policy, targetPrecision: query.targetPrecision ?? null, recompute: query.fresh }),
    // Running (its lock is held, also for a CLI re-derivation) or queued for a worker.
    Promise.all([isRederiving(d.id), getRederiveStatus(d.id)]).then(([running, status]) => running || status.pending),
  ]);
  return { dataset: { id: d.id, name: d.name }, stats: { ...stats, serverMs: Math.round(performance.now() - started), rederiving } };
}
