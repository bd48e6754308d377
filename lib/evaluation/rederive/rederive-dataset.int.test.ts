// A full re-derivation writes exactly what the pure policy core computes, from nothing derived and
// after policy changes, across pages and batches written by parallel writers (lib/evaluation/rederive).
import type pg from 'pg';
import { beforeEach, describe, expect, it } from 'vitest';
import { pgPool } from '../../db/pool';
import { withTransaction } from '../../db/with-transaction';
import { resetDatabase } from '../../testing/reset-database';
import { derivePromptVerdicts, parsePolicy, preparePolicy, type PolicyCandidate, type PolicyEvaluator, type PolicyInput, type PolicyScore } from '../policy';
import { rederiveDataset, rederivePrompts } from '../rederive-dataset';
import { deriveDatasetAsync } from '../policy';
import { loadPlan } from './load-plan';
import { readCandidateRows, readPrompts, type StoredPrompt, type StoredVerdict } from './read-rows';
import { VerdictWriter } from './verdict-writer';
import { uncertaintyScore } from '../../review/uncertainty';
import { storedReason } from './verdict-writer';
import { summarySnapshot } from '../../insight/testing/summary-snapshot';

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Seeded {
  datasetId: number;
  evaluators: PolicyEvaluator[];
  prompts: { id: number; candidates: (PolicyCandidate & { decision: 'approved' | 'rejected' | null })[] }[];
}

/** Prompts with 0–6 candidates: a gate, two scorers (one a judge), missing and errored scores, duplicates, decisions. */
async function seed(promptCount: number): Promise<Seeded> {
  const db = pgPool();
  const rnd = random(42);
  const datasetId = (await db.query<{ id: number }>(`INSERT INTO datasets (name, updated_at) VALUES ('rederive-exact', now()) RETURNING id`)).rows[0].id;
  const newRun = async () =>
    (await db.query<{ id: number }>(`INSERT INTO generation_runs (dataset_id, kind, status) VALUES ($1, 'import', 'completed') RETURNING id`, [datasetId])).rows[0].id;
  const runId = await newRun();
  const run2 = await newRun();
  const evaluators: PolicyEvaluator[] = [];
  for (const [name, kind, role, weight] of [
    ['math-answer', 'math-answer', 'gate', 1],
    ['reward', 'reward-model', 'score', 2],
    ['judge', 'llm-judge', 'score', 1],
  ] as const) {
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO evaluators (dataset_id, name, kind, role, weight, updated_at) VALUES ($1, $2, $3, $4, $5, now()) RETURNING id`,
      [datasetId, name, kind, role, weight],
    );
    evaluators.push({ id: rows[0].id, name, kind, role, weight });
  }
  const promptIds = (
    await db.query<{ id: number }>(
      `INSERT INTO prompts (dataset_id, external_id, messages, search_text) SELECT $1, 'p' || g, '[]'::jsonb, '' FROM generate_series(1, $2::int) g ORDER BY g RETURNING id`,
      [datasetId, promptCount],
    )
  ).rows.map((r) => r.id);

  const cand = { prompt: [] as number[], index: [] as number[], hash: [] as string[] };
  for (const pid of promptIds) {
    const n = Math.floor(rnd() * 7);
    for (let k = 0; k < n; k++) {
      cand.prompt.push(pid);
      cand.index.push(k);
      cand.hash.push(rnd() < 0.15 ? `dup-${pid}` : `h-${pid}-${k}`);
    }
  }
  const ids = (
    await db.query<{ id: number }>(
      // Two models, tokens and a cost on most (the cost cells follow final statuses), a second run.
      `INSERT INTO candidates (dataset_id, prompt_id, run_id, sample_index, content, content_hash, model, prompt_tokens, completion_tokens, cost_usd)
       SELECT $1, p, CASE WHEN k >= 4 THEN $6::int ELSE $2::int END, k, '', h, CASE o % 3 WHEN 0 THEN 'model-a' WHEN 1 THEN 'model-b' END,
              10 + o % 7, 50 + o % 11, CASE WHEN o % 4 = 0 THEN NULL ELSE (o % 13) * 0.0001 END
         FROM unnest($3::int[], $4::int[], $5::text[]) WITH ORDINALITY AS t(p, k, h, o) ORDER BY o RETURNING id`,
      [datasetId, runId, cand.prompt, cand.index, cand.hash, run2],
    )
  ).rows.map((r) => r.id);

  const byPrompt = new Map<number, Seeded['prompts'][number]>(promptIds.map((id) => [id, { id, candidates: [] }]));
  const sc = { cand: [] as number[], ev: [] as number[], value: [] as (number | null)[], passed: [] as (boolean | null)[], rationale: [] as (string | null)[], error: [] as (string | null)[], raw: [] as (string | null)[] };
  const dec = { cand: [] as number[], verdict: [] as string[] };
  const dupOf = { id: [] as number[], of: [] as number[] };
  ids.forEach((id, i) => {
    const p = byPrompt.get(cand.prompt[i])!;
    const scores = new Map<number, PolicyScore>();
    let pairwise = false;
    for (const e of evaluators) {
      const r = rnd();
      if (r < 0.08) continue; // not evaluated yet
      const error = r < 0.12 ? 'timeout' : null;
      // Values on a 0.05 grid (many ties, some exactly on the thresholds), or a score with no value.
      const value = error || r > 0.97 ? null : Math.round(rnd() * 20) / 20;
      const passed = e.role === 'gate' && !error ? rnd() < 0.7 : null;
      const rationale = passed === false ? `got ${i % 50}, expected 18` : null;
      const s: PolicyScore = { value, passed, rationale, error };
      scores.set(e.id, s);
      const raw = e.kind === 'llm-judge' && rnd() < 0.1 ? JSON.stringify({ pairwiseInconsistent: true }) : null;
      if (raw) pairwise = true;
      sc.cand.push(id);
      sc.ev.push(e.id);
      sc.value.push(value);
      sc.passed.push(passed);
      sc.rationale.push(rationale);
      sc.error.push(error);
      sc.raw.push(raw);
    }
    const r = rnd();
    const decision = r < 0.05 ? 'approved' : r < 0.1 ? 'rejected' : null;
    if (decision) {
      dec.cand.push(id);
      dec.verdict.push(decision);
    }
    const prev = p.candidates.at(-1);
    const duplicateOfId = prev && rnd() < 0.1 ? prev.id : null;
    if (duplicateOfId) {
      dupOf.id.push(id);
      dupOf.of.push(duplicateOfId);
    }
    p.candidates.push({ id, sampleIndex: cand.index[i], runId, contentHash: cand.hash[i], duplicateOfId, pairwiseInconsistent: pairwise, scores, decision });
  });
  await db.query(
    `INSERT INTO scores (candidate_id, evaluator_id, value, passed, rationale, error, raw)
     SELECT * FROM unnest($1::int[], $2::int[], $3::float8[], $4::bool[], $5::text[], $6::text[], $7::jsonb[])`,
    [sc.cand, sc.ev, sc.value, sc.passed, sc.rationale, sc.error, sc.raw],
  );
  await db.query(`INSERT INTO decisions (candidate_id, verdict, updated_at) SELECT c, v::"DecisionVerdict", now() FROM unnest($1::int[], $2::text[]) AS t(c, v)`, [
    dec.cand,
    dec.verdict,
  ]);
  await db.query(`UPDATE candidates c SET duplicate_of_id = t.of FROM unnest($1::int[], $2::int[]) AS t(id, of) WHERE c.id = t.id`, [dupOf.id, dupOf.of]);
  return { datasetId, evaluators, prompts: [...byPrompt.values()] };
}

/** What the database must hold, computed by the pure core from the seeded data (not read back). */
function expected(s: Seeded, policyInput: PolicyInput) {
  const plan = preparePolicy(parsePolicy(policyInput), s.evaluators);
  const candidates = new Map<number, unknown>();
  const prompts = new Map<number, unknown>();
  for (const p of s.prompts) {
    if (!p.candidates.length) {
      prompts.set(p.id, { accepted_count: 0, top_score: null, margin: null, flags: [] });
      continue;
    }
    const r = derivePromptVerdicts(plan, p.candidates);
    r.candidates.forEach((v, i) => {
      const decision = p.candidates[i].decision;
      candidates.set(v.id, { aggregate: v.aggregate, auto_verdict: v.autoVerdict, verdict_reason: storedReason(v), rank: v.rank, final_status: decision ?? v.autoVerdict });
    });
    prompts.set(p.id, { accepted_count: r.prompt.acceptedCount, top_score: r.prompt.topScore, margin: r.prompt.margin, flags: r.prompt.flags });
  }
  return { candidates, prompts };
}

async function stored(datasetId: number) {
  const db = pgPool();
  const c = await db.query(
    `SELECT id, aggregate, auto_verdict::text, verdict_reason, rank, final_status::text FROM candidates WHERE dataset_id = $1 ORDER BY id`,
    [datasetId],
  );
  const p = await db.query(`SELECT id, accepted_count, top_score, margin, flags, uncertainty FROM prompts WHERE dataset_id = $1 ORDER BY id`, [datasetId]);
  const uncertainty = new Map<number, number>();
  const prompts = new Map(
    p.rows.map(({ id, uncertainty: u, ...rest }) => {
      uncertainty.set(id as number, u as number);
      return [id as number, rest];
    }),
  );
  return { candidates: new Map(c.rows.map(({ id, ...rest }) => [id as number, rest])), prompts, uncertainty };
}

/** The writer computes prompts.uncertainty itself (the trigger is skipped): it must be the review queue's figure. */
function expectUncertainty(got: Awaited<ReturnType<typeof stored>>, threshold: number) {
  for (const [id, p] of got.prompts) {
    const { accepted_count, top_score, margin, flags } = p as { accepted_count: number; top_score: number | null; margin: number | null; flags: string[] };
    expect(got.uncertainty.get(id), `prompt ${id}`).toBeCloseTo(uncertaintyScore({ acceptedCount: accepted_count, topScore: top_score, margin, flags }, threshold), 12);
  }
  expect([...got.uncertainty.values()].filter((u) => u > 0).length).toBeGreaterThan(got.prompts.size * 0.1);
}

/** The batches kept the Insight summaries themselves, exactly as a recomputation makes them. */
async function expectSummariesKept(datasetId: number, r: { rederivedPrompts: number }) {
  expect(r.rederivedPrompts).toBe(0);
  const snap = await summarySnapshot(datasetId);
  expect(snap.maintained.length).toBeGreaterThan(100);
  expect(snap.maintained).toEqual(snap.rebuilt);
}

beforeEach(async () => {
  await resetDatabase();
});

describe('rederiveDataset', () => {
  it('writes exactly the verdicts of the policy core, from scratch and after policy changes', async () => {
    const s = await seed(700);
    const total = s.prompts.reduce((n, p) => n + p.candidates.length, 0);
    expect(total).toBeGreaterThan(1500);
    // Prompts without candidates but with stale derived fields (their candidates were deleted) are reset.
    const stale = s.prompts.filter((p) => !p.candidates.length).map((p) => p.id);
    expect(stale.length).toBeGreaterThan(20);
    await pgPool().query(`UPDATE prompts SET accepted_count = 2, top_score = 0.9, margin = 0.1, flags = '{no-accepted}' WHERE id = ANY($1::int[])`, [stale]);

    // Small pages and batches: many pages, many batches, two of them written at a time.
    const first = await rederiveDataset(s.datasetId, { pageSize: 97, batchSize: 101 });
    expect(first.candidates).toBe(total);
    expect(first.changedCandidates).toBeGreaterThan(total * 0.9);
    let want = expected(s, {});
    let got = await stored(s.datasetId);
    expect(got.candidates).toEqual(want.candidates);
    expect(got.prompts).toEqual(want.prompts);
    expectUncertainty(got, 0.5);
    await expectSummariesKept(s.datasetId, first);
    // The mix exercises every branch that matters here.
    const verdicts = new Set([...want.candidates.values()].map((v) => (v as { auto_verdict: string }).auto_verdict));
    expect(verdicts).toEqual(new Set(['accepted', 'rejected', 'pending']));

    for (const policy of [{ threshold: 0.7, topK: 2 }, { threshold: 0.35, topK: 0, dedupe: false }, { threshold: 0.5, topK: 1, gates: [] }]) {
      await pgPool().query('UPDATE datasets SET policy = $2 WHERE id = $1', [s.datasetId, JSON.stringify(policy)]);
      const r = await rederiveDataset(s.datasetId, { pageSize: 250, batchSize: 64 });
      want = expected(s, policy);
      got = await stored(s.datasetId);
      expect(got.candidates).toEqual(want.candidates);
      expect(got.prompts).toEqual(want.prompts);
      expectUncertainty(got, policy.threshold);
      await expectSummariesKept(s.datasetId, r);
      expect(r.changedCandidates).toBeGreaterThan(0);
    }
    // Nothing changed since: nothing written.
    expect((await rederiveDataset(s.datasetId)).changedCandidates).toBe(0);
  }, 120_000);

  it('leaves a candidate decided between being read and written to its decision, and derives its prompt again: summaries stay exact', async () => {
    const s = await seed(80);
    await expectSummariesKept(s.datasetId, await rederiveDataset(s.datasetId));
    await pgPool().query('UPDATE datasets SET policy = $2 WHERE id = $1', [s.datasetId, JSON.stringify({ threshold: 0.9, topK: 2 })]);

    // What rederiveDataset does, with a curator's decision landing after the read.
    const db = pgPool();
    const client = await db.connect();
    const { plan, judgeIds } = await loadPlan(client, s.datasetId);
    const prompts = new Map<number, StoredPrompt>((await readPrompts(client, s.datasetId, { after: 0, limit: 1000 })).map((p) => [p.id, p]));
    const read = new Map<number, StoredVerdict>();
    const rows = await readCandidateRows(client, s.datasetId, [...prompts.keys()], judgeIds, read);
    client.release();
    const writer = new VerdictWriter(db, s.datasetId, 50);
    const outcomes = [];
    for await (const o of deriveDatasetAsync(plan, rows)) outcomes.push(o);
    // Two undecided candidates, of different prompts, whose verdicts this re-derivation changes: one
    // is decided after the read, the other while the write waits for the decision's row lock.
    const undecidedChanging = outcomes.flatMap((o) => o.candidates.map((v) => ({ ...v, promptId: o.promptId })))
      .filter((v) => read.get(v.id)!.decision === null && read.get(v.id)!.autoVerdict !== v.autoVerdict);
    const changing = undecidedChanging[0];
    const racing = undecidedChanging.find((v) => v.promptId !== changing.promptId)!;
    expect(racing).toBeDefined();
    // The curator decides against the new auto verdict, so a write from the stale read would show.
    const against = (v: { autoVerdict: string }) => (v.autoVerdict === 'rejected' ? 'approved' : 'rejected');
    const decide = (c: pg.ClientBase, v: { id: number; autoVerdict: string }) =>
      c.query(
        `WITH u AS (UPDATE candidates SET final_status = $2::text::"FinalStatus", review_version = review_version + 1 WHERE id = $1 RETURNING id)
         INSERT INTO decisions (candidate_id, verdict, updated_at) SELECT id, $2::text::"DecisionVerdict", now() FROM u`,
        [v.id, against(v)],
      );
    const curator = await db.connect();
    await decide(curator, changing);
    await curator.query('BEGIN');
    await decide(curator, racing);

    const before = new Map([...read].map(([id, v]) => [id, `${v.autoVerdict}|${v.rank}`]));
    for (const o of outcomes) await writer.add(o, read, prompts);
    const flushed = writer.flush();
    // The verdict update now waits for the curator's row lock; the decision commits.
    await expect.poll(async () => (await db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%UPDATE candidates%'`)).rows[0].n).toBe(1);
    await curator.query('COMMIT');
    curator.release();
    await flushed;

    // Both decisions are kept (rechecked on the row version the curator wrote). Their prompts were
    // left out of the batch, deltas included, so the summaries are exact as they stand; derived
    // again (as rederiveDataset then does), they stay exact and nothing is left to change.
    const finals = await db.query('SELECT id, final_status::text AS f FROM candidates WHERE id = ANY($1::int[]) ORDER BY id = $2 DESC', [[changing.id, racing.id], changing.id]);
    expect(finals.rows.map((r) => r.f)).toEqual([against(changing), against(racing)]);
    expect([...writer.skippedPrompts].sort()).toEqual([changing.promptId, racing.promptId].sort());
    const left = await db.query('SELECT id, auto_verdict::text AS av, rank FROM candidates WHERE prompt_id = ANY($1::int[])', [[...writer.skippedPrompts]]);
    expect(left.rows.length).toBeGreaterThan(2);
    for (const r of left.rows) expect(`${r.av}|${r.rank}`, `candidate ${r.id}`).toBe(before.get(r.id));
    await expectSummariesKept(s.datasetId, { rederivedPrompts: 0 });
    await withTransaction((tx) => rederivePrompts(tx, s.datasetId, [...writer.skippedPrompts]));
    await expectSummariesKept(s.datasetId, { rederivedPrompts: 0 });
    const fresh = await rederiveDataset(s.datasetId);
    expect(fresh.changedCandidates).toBe(0);
  }, 60_000);
});
