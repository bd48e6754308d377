// Helpers shared by benchmarks: a dedicated embedded database, peak RSS sampling, the JSON last line.
import { ensureEmbeddedPostgres, releaseEmbeddedPostgres } from '../db/embedded-postgres';
import { applyMigrations } from '../db/migrate';
import { recreateDatabase } from '../testing/recreate-database';

const dataDir = '.data/bench';

/** A fresh, migrated database `winnow_bench_<name>` (BENCH_DATABASE_URL's server if set). */
export async function freshBenchDatabase(name: string) {
  const external = process.env.BENCH_DATABASE_URL;
  const base = external ?? (await ensureEmbeddedPostgres({ dataDir, database: 'postgres' }));
  const url = await recreateDatabase(base, `winnow_bench_${name}`);
  await applyMigrations(url);
  process.env.DATABASE_URL = url;
  return {
    url,
    release: async () => {
      if (!external) await releaseEmbeddedPostgres({ dataDir });
    },
  };
}

/** Samples this process's RSS every 50 ms; returns a function giving the peak in MB. */
export function trackPeakRss() {
  // memoryUsage.rss() reads only the RSS: memoryUsage() also walks the V8 heap spaces, which showed
  // up in the export bench's profile (~0.35 s of CPU over two runs).
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  timer.unref();
  return () => {
    peak = Math.max(peak, process.memoryUsage.rss());
    return Math.round(peak / 1024 / 1024);
  };
}

export function printResult(result: Record<string, unknown>) {
  console.log(JSON.stringify(result));
}
