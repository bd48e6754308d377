import 'server-only';
// A small in-process cache of computed Insight figures. An entry is used only while PostgreSQL's
// write counters of the tables Insight reads are unchanged (pg_stat_user_tables: inserts, updates,
// deletes — one cheap catalog read) and for at most MAX_AGE_MS; the counters reach the view within
// seconds of a commit, so figures are never staler than that. Writes made through Insight itself
// (applying a threshold) drop the dataset's entries at once.
import { pgPool } from '../db/pool';

const TABLES = ['candidates', 'scores', 'decisions', 'evaluators', 'datasets', 'prompts', 'generation_runs'];
const MAX_AGE_MS = 5 * 60_000;
const MAX_ENTRIES = 32;

interface Entry<T> {
  fingerprint: string;
  at: number;
  value: T;
}

const g = globalThis as unknown as { winnowInsightCache?: Map<string, Entry<unknown>> };
const cache = () => (g.winnowInsightCache ??= new Map());

export async function writeFingerprint(): Promise<string> {
  const { rows } = await pgPool().query<{ f: string | null }>(
    `SELECT string_agg((n_tup_ins + n_tup_upd + n_tup_del)::text, '.' ORDER BY relname) AS f
       FROM pg_stat_user_tables WHERE schemaname = current_schema() AND relname = ANY($1::text[])`,
    [TABLES],
  );
  return rows[0]?.f ?? '';
}

/** The cached value for `key` if nothing was written since, else computes and caches it. */
export async function cachedStats<T>(datasetId: number, key: string, compute: () => Promise<T>, opts: { fresh?: boolean } = {}): Promise<{ value: T; cachedAt: number | null }> {
  const fullKey = `${datasetId}:${key}`;
  const fingerprint = await writeFingerprint();
  const hit = cache().get(fullKey) as Entry<T> | undefined;
  if (!opts.fresh && hit && hit.fingerprint === fingerprint && Date.now() - hit.at < MAX_AGE_MS) return { value: hit.value, cachedAt: hit.at };
  const value = await compute();
  const c = cache();
  c.delete(fullKey);
  c.set(fullKey, { fingerprint, at: Date.now(), value });
  while (c.size > MAX_ENTRIES) c.delete(c.keys().next().value!);
  return { value, cachedAt: null };
}

export function invalidateDatasetStats(datasetId: number) {
  for (const k of [...cache().keys()]) if (k.startsWith(`${datasetId}:`)) cache().delete(k);
}
