// policy_rederive_s for `npm run bench -- verify`: re-derives a dataset of `candidates` candidates
// (4 per prompt, a math gate that passes ~70 % and a score evaluator) seeded with generate_series in
// its own database. Each prompt's candidates are written together, as an import or a generation run
// writes them (an unordered cross join had put them in four distant regions of the table). Measured
// twice: from nothing derived (every row written) and after a threshold change (only what changed is
// written).
import 'server-only';
import type pg from 'pg';
import { pgPool } from '../../db/pool';
import { rederiveDataset, type RederiveResult } from '../rederive-dataset';

export interface RederiveBench {
  candidates: number;
  seedS: number;
  firstS: number;
  first: RederiveResult;
  thresholdS: number;
  threshold: RederiveResult;
}

export async function measureRederive(candidates = 1_000_000): Promise<RederiveBench> {
  const t0 = performance.now();
  // Seeded on one connection with the Insight triggers deferred and one rebuild at the end, as a
  // bulk import does: the per-statement summaries would triple the (unmeasured) seeding time.
  const seeder = await pgPool().connect();
  try {
    await seeder.query(`SET winnow.insight_deferred = 'on'`);
    const ds = await seedPolicyDataset(seeder, candidates);
    await seeder.query(`SET winnow.insight_deferred = 'off'`);
    await seeder.query('SELECT insight_rebuild($1)', [ds]);
    // A dataset whose policy changes was written a while ago: autovacuum has long since vacuumed it.
    // Freshly bulk-loaded here, autovacuum would instead pass over its 1 M candidates and 2 M scores
    // (setting visibility, freezing them) in the middle of the timed re-derivation.
    await seeder.query('VACUUM (ANALYZE) prompts, prompt_search, candidates, scores, evaluators');
    const seedS = (performance.now() - t0) / 1000;
    return { ...(await timeRederive(ds)), seedS };
  } finally {
    seeder.release();
  }
}

export async function seedPolicyDataset(pool: pg.ClientBase, candidates: number): Promise<number> {
  const prompts = Math.ceil(candidates / 4);
  const ds = (await pool.query<{ id: number }>(`INSERT INTO datasets (name, updated_at) VALUES ('bench-policy', now()) RETURNING id`)).rows[0].id;
  const run = (await pool.query<{ id: number }>(`INSERT INTO generation_runs (dataset_id, kind, status) VALUES ($1, 'import', 'completed') RETURNING id`, [ds])).rows[0].id;
  await pool.query(
    `INSERT INTO prompts (dataset_id, external_id, messages, search_text) SELECT $1, 'p' || g, '[]'::jsonb, '' FROM generate_series(1, $2::int) g`,
    [ds, prompts],
  );
  await pool.query(
    `INSERT INTO candidates (dataset_id, prompt_id, run_id, sample_index, content, content_hash)
     SELECT $1, p.id, $2, k, '', md5(p.id || '-' || k) FROM prompts p CROSS JOIN generate_series(0, 3) k WHERE p.dataset_id = $1
     ORDER BY p.id, k`,
    [ds, run],
  );
  const gate = (await pool.query<{ id: number }>(`INSERT INTO evaluators (dataset_id, name, kind, role, updated_at) VALUES ($1, 'math-answer', 'math-answer', 'gate', now()) RETURNING id`, [ds])).rows[0].id;
  const score = (await pool.query<{ id: number }>(`INSERT INTO evaluators (dataset_id, name, kind, role, updated_at) VALUES ($1, 'reward', 'reward-model', 'score', now()) RETURNING id`, [ds])).rows[0].id;
  // Deterministic pseudo-random values from the candidate id.
  await pool.query(
    `INSERT INTO scores (candidate_id, evaluator_id, value, passed, rationale)
     SELECT id, $2, CASE WHEN ok THEN 1 ELSE 0 END, ok, CASE WHEN ok THEN 'got 18, equal to expected 18' ELSE 'got 26, expected 18' END
     FROM (SELECT id, (hashint4(id) & 1023) < 717 AS ok FROM candidates WHERE dataset_id = $1) c`,
    [ds, gate],
  );
  await pool.query(
    `INSERT INTO scores (candidate_id, evaluator_id, value, passed) SELECT id, $2, ((hashint4(id * 7 + 1) & 65535)::float8 / 65535), NULL FROM candidates WHERE dataset_id = $1`,
    [ds, score],
  );
  return ds;
}

/** Times two re-derivations of a seeded dataset: from nothing derived, then after a threshold and top-k change. */
export async function timeRederive(ds: number): Promise<Omit<RederiveBench, 'seedS'>> {
  const pool = pgPool();
  const candidates = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM candidates WHERE dataset_id = $1', [ds])).rows[0].n);
  let t = performance.now();
  const first = await rederiveDataset(ds);
  const firstS = (performance.now() - t) / 1000;

  await pool.query(`UPDATE datasets SET policy = '{"threshold": 0.7, "topK": 2}' WHERE id = $1`, [ds]);
  t = performance.now();
  const threshold = await rederiveDataset(ds);
  const thresholdS = (performance.now() - t) / 1000;
  return { candidates, firstS, first, thresholdS, threshold };
}
