// `npm run bench -- stats [--prompts N] [--runs R] [--samples S] [--reviews K] [--repeat M]`: server
// time of the Insight page's data function on a dataset of N × R × S candidates (default
// 125,000 × 2 × 4 = 1M) with a math gate and a judge score (2M score rows), verdicts like the policy's
// (top-1), and K curator decisions. Seeded in its own database with generate_series (not timed), then
// VACUUM ANALYZE (what autovacuum does on its own after a bulk load). The page reads summary tables
// that triggers keep exact on every write (lib/insight/sql/summaries.sql), so it measures views: plain,
// right after one curator decision each (recordDecision), and the first ones right after a policy
// change (updatePolicy re-derives and writes the verdicts), each checked equal to a full recomputation
// from the base tables (cold_ms, what every view cost before). stats_ms = the worst of the three medians.
// Last line: {"bench":"stats","stats_ms":…,"after_decision_ms":…,"after_policy_ms":…,"cold_ms":…}.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { freshBenchDatabase, printResult } from './bench-utils';

const { values } = parseArgs({
  options: {
    prompts: { type: 'string', default: '125000' },
    runs: { type: 'string', default: '2' },
    samples: { type: 'string', default: '4' },
    reviews: { type: 'string', default: '20000' },
    repeat: { type: 'string', default: '5' },
    cold: { type: 'string', default: '3' },
  },
});
const prompts = Number(values.prompts);
const runs = Number(values.runs);
const samples = Number(values.samples);
const reviews = Number(values.reviews);
const repeat = Math.max(1, Number(values.repeat));
const coldRepeat = Math.max(1, Number(values.cold));

const db = await freshBenchDatabase('stats');
const { pgPool, closePgPool } = await import('../db/pool');
const pool = pgPool();
try {
  const t0 = performance.now();
  const q = (sql: string, params: unknown[] = []) => pool.query(sql, params);
  const { rows: [ds] } = await q(`INSERT INTO datasets (name, policy, updated_at) VALUES ('bench-stats', '{"topK":1,"threshold":0.5}', now()) RETURNING id`);
  const datasetId: number = ds.id;
  const { rows: [gate] } = await q(`INSERT INTO evaluators (dataset_id, name, kind, role, updated_at) VALUES ($1, 'math-answer', 'math-answer', 'gate', now()) RETURNING id`, [datasetId]);
  const { rows: [judge] } = await q(`INSERT INTO evaluators (dataset_id, name, kind, role, updated_at) VALUES ($1, 'judge', 'llm-judge', 'score', now()) RETURNING id`, [datasetId]);
  for (let r = 0; r < runs; r++) {
    const { rows: [ep] } = await q(
      `INSERT INTO endpoints (name, base_url, model, price_in_per_m, price_out_per_m, updated_at) VALUES ($1, 'http://127.0.0.1:9/v1', $2, 0.5, 1.5, now()) RETURNING id`,
      [`bench-ep-${r}`, `bench-model-${r}`],
    );
    await q(`INSERT INTO generation_runs (dataset_id, endpoint_id, kind, model, status, params) VALUES ($1, $2, 'generate', $3, 'completed', $4)`, [datasetId, ep.id, `bench-model-${r}`, JSON.stringify({ n: samples })]);
  }
  await q(
    `INSERT INTO prompts (dataset_id, external_id, messages, search_text)
     SELECT $1, 'p' || i, '[{"role":"user","content":"q"}]', 'Question ' || i FROM generate_series(1, $2::int) i`,
    [datasetId, prompts],
  );
  // Candidates with deterministic pseudo-random gate results and judge values, verdicts as the policy
  // derives them for top-1: eligible first, then gate passes, then aggregate, then sample order.
  await q(
    `WITH base AS (
       SELECT p.id AS prompt_id, r.id AS run_id, r.model, s AS sample_index,
              (('x' || substr(md5(p.id || ':' || r.id || ':' || s), 1, 8))::bit(32)::bigint & 1023) / 1023.0 AS u1,
              (('x' || substr(md5(p.id || ':' || r.id || ':' || s), 9, 8))::bit(32)::bigint & 1023) / 1023.0 AS u2
         FROM prompts p CROSS JOIN generation_runs r CROSS JOIN generate_series(0, $2::int - 1) s
        WHERE p.dataset_id = $1 AND r.dataset_id = $1),
     judged AS (
       SELECT *, u1 < 0.45 AS pass, round((CASE WHEN u1 < 0.45 THEN 0.3 + 0.7 * u2 ELSE 0.6 * u2 END)::numeric, 3)::float8 AS agg FROM base),
     ranked AS (
       SELECT *, pass AND agg >= 0.5 AS eligible,
              row_number() OVER (PARTITION BY prompt_id ORDER BY (pass AND agg >= 0.5) DESC, pass DESC, agg DESC, sample_index, run_id) AS rnk
         FROM judged)
     INSERT INTO candidates (dataset_id, prompt_id, run_id, sample_index, content, model, prompt_tokens, completion_tokens, cost_usd,
                             content_hash, aggregate, auto_verdict, verdict_reason, rank, final_status)
     SELECT $1, prompt_id, run_id, sample_index, 'Candidate answer ' || prompt_id || '/' || run_id || '/' || sample_index || repeat(' lorem ipsum', 30), model,
            80, 200 + (u2 * 300)::int, (80 * 0.5 + (200 + u2 * 300) * 1.5) / 1e6,
            md5(prompt_id || ':' || run_id || ':' || sample_index), agg,
            (CASE WHEN eligible AND rnk = 1 THEN 'accepted' ELSE 'rejected' END)::"AutoVerdict",
            CASE WHEN NOT pass THEN 'failed gate math-answer: got 1, expected 2'
                 WHEN NOT eligible THEN 'score ' || to_char(agg, 'FM0.00') || ' below threshold 0.50'
                 WHEN rnk = 1 THEN 'passed math-answer; score ' || to_char(agg, 'FM0.00') || ' ≥ 0.50'
                 ELSE 'not in top 1 (rank ' || rnk || ')' END,
            rnk,
            (CASE WHEN eligible AND rnk = 1 THEN 'accepted' ELSE 'rejected' END)::"FinalStatus"
       FROM ranked`,
    [datasetId, samples],
  );
  await q(
    `INSERT INTO scores (candidate_id, evaluator_id, value, passed, rationale)
     SELECT id, $2, CASE WHEN verdict_reason LIKE 'failed gate%' THEN 0 ELSE 1 END, verdict_reason NOT LIKE 'failed gate%', NULL FROM candidates WHERE dataset_id = $1`,
    [datasetId, gate.id],
  );
  await q(
    `INSERT INTO scores (candidate_id, evaluator_id, value, passed, raw)
     SELECT id, $2, aggregate, NULL, CASE WHEN id % 10 = 0 THEN jsonb_build_object('samples', jsonb_build_array(aggregate, least(1, aggregate + 0.1), greatest(0, aggregate - 0.05))) END
       FROM candidates WHERE dataset_id = $1`,
    [datasetId, judge.id],
  );
  const { rows: [user] } = await q(`INSERT INTO users (id, email, role, updated_at) VALUES ('bench-curator', 'bench@winnow.test', 'curator', now()) RETURNING id`);
  // Curators review a spread-out sample: approve what passed the gate (mostly), reject the rest.
  await q(
    `INSERT INTO decisions (candidate_id, verdict, reviewer_id, updated_at)
     SELECT id, (CASE WHEN (verdict_reason NOT LIKE 'failed gate%') <> (id % 17 = 0) AND aggregate > 0.35 THEN 'approved' ELSE 'rejected' END)::"DecisionVerdict", $3, now()
       FROM candidates WHERE dataset_id = $1
        AND abs(hashint4(id)) % greatest(1, (SELECT count(*) FROM candidates WHERE dataset_id = $1) / $2::int) = 0 LIMIT $2::int`,
    [datasetId, reviews, user.id],
  );
  await q(`UPDATE candidates c SET final_status = d.verdict::text::"FinalStatus" FROM decisions d WHERE d.candidate_id = c.id`);
  await q(`VACUUM ANALYZE candidates, scores, decisions, prompts, prompt_search`);
  const counts = (await q(`SELECT (SELECT count(*) FROM candidates)::int AS candidates, (SELECT count(*) FROM scores)::int AS scores, (SELECT count(*) FROM decisions)::int AS decisions`)).rows[0];
  console.log(`Seeded ${counts.candidates.toLocaleString('en-US')} candidates, ${counts.scores.toLocaleString('en-US')} scores, ${counts.decisions.toLocaleString('en-US')} decisions in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const { loadDatasetStats } = await import('../insight/load-dataset-stats');
  const { recordDecision } = await import('../review/record-decision');
  const { updatePolicy } = await import('../evaluation/update-policy');
  const median = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]);
  const timed = async (fresh: boolean) => {
    const started = performance.now();
    const r = await loadDatasetStats({ id: datasetId }, { fresh });
    return { ms: performance.now() - started, r: r! };
  };
  // What must match between the maintained summaries and a full recomputation.
  const figures = (st: Awaited<ReturnType<typeof timed>>['r']['stats']) => JSON.stringify({ ...st, serverMs: 0, source: '' });
  const checkEqual = async (label: string, view: Awaited<ReturnType<typeof timed>>['r']) => {
    const full = await timed(true);
    const same = figures(view.stats) === figures(full.r.stats);
    console.log(`${label}: summaries ${same ? 'equal' : 'DIFFER FROM'} a full recomputation (${full.ms.toFixed(0)} ms)`);
    if (!same) throw new Error(`${label}: the maintained figures differ from a full recomputation`);
    return full.ms;
  };
  // Cold: every figure recomputed from the base tables (what every view cost before the summaries).
  const cold: number[] = [];
  for (let i = 0; i < coldRepeat; i++) {
    const { ms } = await timed(true);
    cold.push(ms);
    console.log(`full recomputation ${i + 1}: ${ms.toFixed(0)} ms`);
  }
  // A page view: read from the maintained summaries.
  const warm: number[] = [];
  let last = null as Awaited<ReturnType<typeof timed>>['r'] | null;
  for (let i = 0; i < repeat; i++) {
    const { ms, r } = await timed(false);
    warm.push(ms);
    last = r;
    console.log(`page view ${i + 1}: ${ms.toFixed(0)} ms`);
  }
  await checkEqual('page view', last!);
  // A view right after one curator decision (through the review lane's recordDecision).
  const actor = { id: user.id as string, name: 'bench', email: 'bench@winnow.test' };
  const afterDecision: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const { rows: [c] } = await q(
      `SELECT c.id, c.review_version FROM candidates c WHERE c.dataset_id = $1 AND c.aggregate >= 0.5 AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.candidate_id = c.id) ORDER BY c.id OFFSET $2 LIMIT 1`,
      [datasetId, 1000 * i],
    );
    const w = await recordDecision({ datasetId, candidateId: c.id, action: i % 2 ? 'reject' : 'approve', version: c.review_version }, actor);
    if (!w.ok) throw new Error(`decision not recorded: ${w.message}`);
    const { ms, r } = await timed(false);
    afterDecision.push(ms);
    last = r;
    console.log(`view right after decision ${i + 1}: ${ms.toFixed(0)} ms`);
  }
  await checkEqual('after decisions', last!);
  // A view right after a policy change (threshold 0.5 → 0.6: every verdict re-derived and written).
  let t = performance.now();
  const changed = await updatePolicy({ datasetId, threshold: 0.6 });
  const policyS = (performance.now() - t) / 1000;
  console.log(`policy change re-derived ${changed.rederive.changedCandidates.toLocaleString('en-US')} changed candidates in ${policyS.toFixed(1)} s`);
  const afterPolicy: number[] = [];
  for (let i = 0; i < 3; i++) {
    const { ms, r } = await timed(false);
    afterPolicy.push(ms);
    last = r;
    console.log(`view ${i + 1} after the policy change: ${ms.toFixed(0)} ms`);
  }
  t = performance.now();
  await checkEqual('after the policy change', last!);
  const s = last!.stats;
  const load = os.loadavg()[0].toFixed(1);
  console.log(`κ ${s.agreement.kappa?.toFixed(3)} (n=${s.agreement.n}), suggested threshold ${s.threshold?.threshold}, yield ${s.yieldByN.overall.map((p) => (p.share * 100).toFixed(1) + '%').join(' ')}, accepted/$ ${s.cost.total.acceptedPerDollar?.toFixed(0)}, histograms over all scores`);
  console.log(
    `stats page data: ${median(warm)} ms median per view, ${median(afterDecision)} ms right after a decision, first view after a policy change ${Math.round(afterPolicy[0])} ms (target ≤ 300 ms); full recomputation ${median(cold)} ms (load average ${load} on ${os.cpus().length} CPUs)`,
  );
  printResult({
    bench: 'stats',
    stats_ms: Math.max(median(warm), median(afterDecision), Math.round(afterPolicy[0])),
    view_ms: median(warm),
    after_decision_ms: median(afterDecision),
    after_policy_ms: Math.round(afterPolicy[0]),
    policy_change_s: Number(policyS.toFixed(1)),
    cold_ms: median(cold),
    candidates: counts.candidates,
    scores: counts.scores,
    decisions: counts.decisions,
    load_avg: Number(load),
  });
} finally {
  await closePgPool();
  await (await import('../db/client')).disconnectPrisma();
  await db.release();
}
