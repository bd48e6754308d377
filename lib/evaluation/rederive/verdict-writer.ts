import 'server-only';
import type pg from 'pg';
import { float8Array, int4Array, textArray } from '../../db/binary-array';
import type { PromptOutcome } from '../policy';
import type { StoredPrompt, StoredVerdict } from './read-rows';
import { SummaryDeltas, type DeltaCandidate } from './summary-deltas';

/** The reason stored with a verdict: the policy's reason, plus scorers left out of the aggregate. */
export function storedReason(c: PromptOutcome['candidates'][number]): string {
  return c.excluded.length > 0 && c.code !== 'no-score' ? `${c.reason}; left out of the score (no value): ${c.excluded.join(', ')}` : c.reason;
}

/** Changed candidates, column by column (the unnest parameters). */
interface Columns {
  id: number[];
  prompt: number[];
  agg: (number | null)[];
  av: string[];
  reason: string[];
  rank: number[];
  /** The curator's decision as read, else the auto verdict. */
  fs: string[];
  /** review_version as read: a candidate whose version moved since (a decision) is not written. */
  rv: number[];
}

/** What a batch changes in the Insight summaries (whole-dataset writes only; see summary-deltas.ts). */
type BatchSummaries = ReturnType<SummaryDeltas['take']>;

/**
 * The verdict update, for the batch's columns as binary arrays (binary-array.ts). A candidate whose
 * review_version moved since it was read is left alone, also when the update waited for that decision
 * to commit (the condition is rechecked on the new row version): its final status would otherwise be
 * overwritten from a stale read. The caller re-derives its prompt (`skippedPrompts`).
 */
const UPDATE_VERDICTS = `UPDATE candidates c
   SET aggregate = v.agg, auto_verdict = v.av::"AutoVerdict", verdict_reason = v.reason, rank = v.rank, final_status = v.fs::"FinalStatus"
  FROM unnest($1::int[], $2::float8[], $3::text[], $4::text[], $5::int[], $6::text[], $7::int[]) AS v(id, agg, av, reason, rank, fs, rv)
 WHERE c.id = v.id AND c.review_version = v.rv`;

const sameFlags = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((f, i) => f === b[i]);

export interface WriteCounts {
  candidates: number;
  prompts: number;
  changedCandidates: number;
  changedPrompts: number;
  accepted: number;
  rejected: number;
  pending: number;
}

/**
 * Collects what re-derivation changed and writes it in batches (UPDATE … FROM unnest, the arrays sent
 * in binary). Only rows whose verdict, reason, rank, aggregate or final status differ are written.
 * final_status is the curator's decision when there is one (as read), else the auto verdict — decided
 * candidates keep theirs. A prompt with a candidate decided or deleted since it was read is not written
 * at all (review_version): `skippedPrompts` lists the prompts to derive again.
 *
 * None of the written candidate columns is indexed (migration rederive_hot_verdicts) and half of each
 * candidates page is kept free (migration candidates_half_free_pages), so an update is HOT — a new row
 * version on the same page and no index entries — wherever its page has room.
 *
 * On a pool (a whole-dataset re-derivation) each batch also appends what it changes in the Insight
 * summaries, in its own transaction (summary-deltas.ts), computed from exactly the prompts it writes;
 * the summary triggers are skipped. In the caller's transaction the triggers keep them.
 */
export class VerdictWriter {
  readonly counts: WriteCounts = { candidates: 0, prompts: 0, changedCandidates: 0, changedPrompts: 0, accepted: 0, rejected: 0, pending: 0 };
  private batch: Batch = emptyBatch();
  /** Batches being written, oldest first (at most `writers`). */
  private flights: Promise<void>[] = [];
  private active = 0;
  private busySince = 0;
  /** Wall time during which some batch was being written (writes overlap reading when `db` is a pool). */
  writeMs = 0;
  /** Prompts left unwritten because a candidate changed since it was read (decided or deleted): derive them again. */
  readonly skippedPrompts = new Set<number>();
  /** On a pool the batches write the Insight summary deltas (in the caller's transaction the triggers maintain the summaries). */
  private readonly pooled: boolean;

  /**
   * `db` runs the writes: a pool (writes overlap the next read, and up to `writers` batches are written
   * at once on their own connections; they touch disjoint rows) or the caller's transaction client.
   */
  constructor(
    private readonly db: pg.Pool | pg.ClientBase,
    private readonly datasetId: number,
    private readonly batchSize = 20_000,
    private readonly writers = 'totalCount' in db ? 2 : 1,
  ) {
    this.pooled = 'totalCount' in db;
  }

  async add(o: PromptOutcome, stored: Map<number, StoredVerdict>, prompts: Map<number, StoredPrompt>) {
    const n = this.counts;
    n.prompts++;
    const sp = prompts.get(o.promptId);
    prompts.delete(o.promptId);
    const read = o.candidates.map((v) => stored.get(v.id));
    for (const v of o.candidates) stored.delete(v.id);
    if (read.some((s) => !s)) {
      // Not read with its prompt: nothing to compare with, so derive the prompt again.
      this.skippedPrompts.add(o.promptId);
      return;
    }
    const b = this.batch;
    const forDeltas: DeltaCandidate[] = [];
    o.candidates.forEach((v, i) => {
      const s = read[i]!;
      n.candidates++;
      n[v.autoVerdict]++;
      const reason = storedReason(v);
      const final = s.decision ?? v.autoVerdict;
      if (this.pooled) {
        const next = { autoVerdict: v.autoVerdict, reason, rank: v.rank, aggregate: v.aggregate, finalStatus: final };
        forDeltas.push({ runId: s.runId, sampleIndex: s.sampleIndex, decision: s.decision, scores: s.scores, old: s, next });
      }
      if (s.aggregate === v.aggregate && s.autoVerdict === v.autoVerdict && s.reason === reason && s.rank === v.rank && s.finalStatus === final) return;
      n.changedCandidates++;
      b.c.id.push(v.id);
      b.c.prompt.push(o.promptId);
      b.c.agg.push(v.aggregate);
      b.c.av.push(v.autoVerdict);
      b.c.reason.push(reason);
      b.c.rank.push(v.rank);
      b.c.fs.push(final);
      b.c.rv.push(s.reviewVersion);
    });
    if (this.pooled) b.deltas.push({ promptId: o.promptId, candidates: forDeltas });
    const pv = o.prompt;
    if (!sp || sp.acceptedCount !== pv.acceptedCount || sp.topScore !== pv.topScore || sp.margin !== pv.margin || !sameFlags(sp.flags, pv.flags)) {
      n.changedPrompts++;
      b.p.id.push(o.promptId);
      b.p.acc.push(pv.acceptedCount);
      b.p.top.push(pv.topScore);
      b.p.margin.push(pv.margin);
      b.p.flags.push(pv.flags.join(','));
    }
    if (b.c.id.length >= this.batchSize || b.p.id.length >= this.batchSize) await this.flush(false);
  }

  /** Waits until no batch is being written, however they end (before the lock is released after a failure). */
  async settle() {
    await Promise.allSettled(this.flights);
  }

  /** Starts writing what is collected; with `wait`, returns once everything is written. */
  async flush(wait = true) {
    while (this.flights.length >= this.writers) await this.flights.shift();
    const batch = this.batch;
    this.batch = emptyBatch();
    const flight = this.write(batch);
    flight.catch(() => {}); // rethrown when awaited below or by the next flush
    this.flights.push(flight);
    if (wait) while (this.flights.length) await this.flights.shift();
  }

  private async write(batch: Batch) {
    if (this.active++ === 0) this.busySince = performance.now();
    try {
      await this.writeNow(batch);
    } finally {
      if (--this.active === 0) this.writeMs += performance.now() - this.busySince;
    }
  }

  /**
   * One batch, in one transaction (on a pool) or under a savepoint of the caller's. If a candidate
   * changed since it was read (a curator's decision, a deletion), the batch is undone and written
   * again without that candidate's prompt, which `skippedPrompts` then lists: so the Insight deltas
   * stay exact, computed from exactly the candidates written.
   */
  private async writeNow(batch: Batch) {
    if (!batch.c.id.length && !batch.p.id.length) return;
    const own = this.pooled ? await (this.db as pg.Pool).connect() : null;
    const db = own ?? (this.db as pg.ClientBase);
    try {
      if (!own) await db.query('SAVEPOINT verdicts');
      for (;;) {
        // On a pool, hash joins off so each batch probes the primary key (a hash join seq-scans the whole
        // candidates table for every batch of a large dataset), and the summary triggers skipped: the
        // batch appends its own deltas (their per-statement trigger doubled the database's work here).
        if (own) await own.query(`BEGIN; SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off; SET LOCAL winnow.insight_deferred = 'on'; SET LOCAL winnow.uncertainty_written = 'on'`);
        const c = batch.c;
        if (!c.id.length) break;
        const params = [int4Array(c.id), float8Array(c.agg), textArray(c.av), textArray(c.reason), int4Array(c.rank), textArray(c.fs), int4Array(c.rv)];
        const written = own ? await this.updateCandidatesWithCosts(own, params) : ((await db.query(UPDATE_VERDICTS, params)).rowCount ?? 0);
        if (written === c.id.length) break;
        await db.query(own ? 'ROLLBACK' : 'ROLLBACK TO SAVEPOINT verdicts');
        const skipped = await findSkipped(db, c);
        for (const id of skipped) this.skippedPrompts.add(id);
        batch = withoutPrompts(batch, new Set(skipped));
      }
      if (!own) await db.query('RELEASE SAVEPOINT verdicts');
      const p = batch.p;
      if (p.id.length) {
        // uncertainty is computed here, set-based. The per-row trigger that otherwise fills it in cost
        // several times the rest of this update: winnow.uncertainty_written skips it (migration
        // uncertainty_set_by_writer), for this statement only when in the caller's transaction.
        if (!own) await db.query(`SELECT set_config('winnow.uncertainty_written', 'on', true)`);
        await db.query(
          `UPDATE prompts p SET accepted_count = v.acc, top_score = v.top, margin = v.margin, flags = v.flags,
                  uncertainty = review_uncertainty(v.acc, v.top, v.margin, v.flags, (SELECT review_threshold(policy) FROM datasets WHERE id = $6))
           FROM (SELECT id, acc, top, margin, string_to_array(flags, ',') AS flags
                 FROM unnest($1::int[], $2::int[], $3::float8[], $4::float8[], $5::text[]) AS u(id, acc, top, margin, flags)) AS v
           WHERE p.id = v.id AND p.dataset_id = $6`,
          [int4Array(p.id), int4Array(p.acc), float8Array(p.top), float8Array(p.margin), textArray(p.flags), this.datasetId],
        );
        if (!own) await db.query(`SELECT set_config('winnow.uncertainty_written', 'off', true)`);
      }
      if (own) {
        const deltas = new SummaryDeltas();
        for (const d of batch.deltas) deltas.addPrompt(d.promptId, d.candidates);
        await writeSummaries(own, this.datasetId, deltas.take());
        await own.query('COMMIT');
      }
    } catch (e) {
      if (own) await own.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      own?.release();
    }
  }

  /**
   * The candidate update of a whole-dataset batch, which also appends the cost cells of the final
   * statuses it changes (from the rows' real old and new values: the tokens and cost are not read).
   * Returns how many candidates it wrote.
   */
  private async updateCandidatesWithCosts(db: pg.PoolClient, params: unknown[]): Promise<number> {
    const { rows } = await db.query<{ n: number }>(
      `WITH u AS (
         ${UPDATE_VERDICTS}
         RETURNING c.run_id, c.model, old.final_status::text AS ofs, new.final_status::text AS nfs, c.prompt_tokens AS pt,
                   c.completion_tokens AS ct, c.cost_usd AS cost),
       moves AS (
         SELECT run_id, model, ofs, nfs, count(*) AS n, coalesce(sum(pt), 0) AS pt, coalesce(sum(ct), 0) AS ct,
                coalesce(sum(cost::numeric), 0) AS cost, count(cost) AS costed
           FROM u WHERE ofs <> nfs GROUP BY 1, 2, 3, 4),
       cost AS (
         INSERT INTO insight_cost_cells (dataset_id, run_id, model, final_status, n, prompt_tokens, completion_tokens, cost_usd, costed)
         SELECT $8, run_id, model, s.fs, sum(s.sg * n), sum(s.sg * pt), sum(s.sg * ct), sum(s.sg * cost), sum(s.sg * costed)
           FROM moves CROSS JOIN LATERAL (VALUES (ofs, -1), (nfs, 1)) AS s(fs, sg)
          GROUP BY run_id, model, s.fs
         HAVING sum(s.sg * n) <> 0 OR sum(s.sg * pt) <> 0 OR sum(s.sg * ct) <> 0 OR sum(s.sg * cost) <> 0 OR sum(s.sg * costed) <> 0)
       SELECT count(*)::int AS n FROM u`,
      [...params, this.datasetId],
    );
    return rows[0].n;
  }

}

/** A batch: changed candidates and prompts, and (on a pool) every candidate of its prompts for the summary deltas. */
interface Batch {
  c: Columns;
  p: { id: number[]; acc: number[]; top: (number | null)[]; margin: (number | null)[]; flags: string[] };
  deltas: { promptId: number; candidates: DeltaCandidate[] }[];
}

function emptyBatch(): Batch {
  return { c: emptyColumns(), p: { id: [], acc: [], top: [], margin: [], flags: [] }, deltas: [] };
}

function emptyColumns(): Columns {
  return { id: [], prompt: [], agg: [], av: [], reason: [], rank: [], fs: [], rv: [] };
}

/** The batch without anything of these prompts. */
function withoutPrompts(b: Batch, drop: Set<number>): Batch {
  const c = emptyColumns();
  const keys = Object.keys(c) as (keyof Columns)[];
  b.c.prompt.forEach((promptId, i) => {
    if (drop.has(promptId)) return;
    for (const k of keys) (c[k] as unknown[]).push(b.c[k][i]);
  });
  const p: Batch['p'] = { id: [], acc: [], top: [], margin: [], flags: [] };
  b.p.id.forEach((id, i) => {
    if (drop.has(id)) return;
    p.id.push(id);
    p.acc.push(b.p.acc[i]);
    p.top.push(b.p.top[i]);
    p.margin.push(b.p.margin[i]);
    p.flags.push(b.p.flags[i]);
  });
  return { c, p, deltas: b.deltas.filter((d) => !drop.has(d.promptId)) };
}

/**
 * The prompts of the batch's candidates that are gone or whose review_version moved since they were
 * read. Found after the batch is undone; one decided right after it is found too (harmless: its
 * prompt is derived again).
 */
async function findSkipped(db: pg.ClientBase, c: Columns): Promise<number[]> {
  const { rows } = await db.query<{ i: string }>(
    `SELECT v.i FROM unnest($1::int[], $2::int[]) WITH ORDINALITY AS v(id, rv, i)
      WHERE NOT EXISTS (SELECT 1 FROM candidates c WHERE c.id = v.id AND c.review_version = v.rv)`,
    [int4Array(c.id), int4Array(c.rv)],
  );
  if (!rows.length) throw new Error('re-derivation: a verdict batch wrote fewer candidates than it holds, yet none of them changed');
  return [...new Set(rows.map((r) => c.prompt[Number(r.i) - 1]))];
}

/**
 * Appends a batch's threshold-bin, reviewed and histogram cells, and upserts the yield state it changes
 * with the cells of each row's real old and new value (RETURNING old/new: a concurrent new sample may
 * have raised max_index).
 */
async function writeSummaries(db: pg.PoolClient, ds: number, s: BatchSummaries) {
  if (s.bins.n.length) {
    await db.query(`INSERT INTO insight_bin_cells (dataset_id, bin, rank_key, n) SELECT $1, b, r, n FROM unnest($2::int[], $3::int[], $4::bigint[]) AS x(b, r, n)`, [
      ds,
      s.bins.bin,
      s.bins.rank,
      s.bins.n,
    ]);
  }
  if (s.reviewed.n.length) {
    await db.query(
      `INSERT INTO insight_reviewed_cells (dataset_id, auto, verdict, cls, rank_key, bin, n)
       SELECT $1, a, v, k, r, b, n FROM unnest($2::text[], $3::text[], $4::int[], $5::int[], $6::int[], $7::bigint[]) AS x(a, v, k, r, b, n)`,
      [ds, ...s.reviewed.fields, s.reviewed.n],
    );
  }
  if (s.hist.n.length) {
    await db.query(
      `INSERT INTO insight_hist_cells (dataset_id, evaluator_id, bin, final_status, n)
       SELECT $1, e, b, f, n FROM unnest($2::int[], $3::int[], $4::text[], $5::bigint[]) AS x(e, b, f, n)`,
      [ds, s.hist.evaluator, s.hist.bin, s.hist.status, s.hist.n],
    );
  }
  const { pairs, prompts } = s.yield;
  // Existing rows are updated where they changed (HOT: the yield tables keep half of each page free);
  // a missing one (summaries that never had it) is inserted. The cells follow each row's real old and
  // new values (RETURNING old/new: a concurrent new sample may have raised max_index meanwhile). With
  // hash and merge joins off in this transaction the rows are visited, so locked, in the arrays' key
  // order, as the summary triggers of a concurrent writer lock them: no deadlock between the two.
  if (pairs.prompt.length) {
    await db.query(
      `WITH v AS (SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::int[]) AS v(prompt_id, run_id, fp, mi)),
       up AS (
         UPDATE insight_yield_pairs p SET first_pass = v.fp, max_index = greatest(p.max_index, v.mi)
           FROM v WHERE p.prompt_id = v.prompt_id AND p.run_id = v.run_id AND (p.first_pass IS DISTINCT FROM v.fp OR p.max_index < v.mi)
         RETURNING p.run_id, old.first_pass AS ofp, old.max_index AS omi, new.first_pass AS nfp, new.max_index AS nmi),
       ins AS (
         INSERT INTO insight_yield_pairs (prompt_id, run_id, dataset_id, first_pass, max_index)
         SELECT prompt_id, run_id, $5, fp, mi FROM v
          WHERE NOT EXISTS (SELECT 1 FROM insight_yield_pairs p WHERE p.prompt_id = v.prompt_id AND p.run_id = v.run_id)
         ON CONFLICT DO NOTHING
         RETURNING run_id, NULL::int AS ofp, -1 AS omi, first_pass AS nfp, max_index AS nmi)
       INSERT INTO insight_yield_cells (dataset_id, run_id, first_pass, max_index, prompts)
       SELECT $5, run_id, coalesce(fp, -1), mi, sum(sg) FROM (
         SELECT run_id, ofp AS fp, omi AS mi, -1 AS sg FROM up WHERE omi >= 0
         UNION ALL SELECT run_id, nfp, nmi, 1 FROM up
         UNION ALL SELECT run_id, nfp, nmi, 1 FROM ins) x
        GROUP BY 2, 3, 4 HAVING sum(sg) <> 0`,
      [int4Array(pairs.prompt), int4Array(pairs.run), int4Array(pairs.firstPass), int4Array(pairs.maxIndex), ds],
    );
  }
  if (prompts.prompt.length) {
    await db.query(
      `WITH v AS (SELECT * FROM unnest($1::int[], $2::int[], $3::int[]) AS v(prompt_id, fp, mi)),
       up AS (
         UPDATE insight_yield_prompts p SET first_pass = v.fp, max_index = greatest(p.max_index, v.mi)
           FROM v WHERE p.prompt_id = v.prompt_id AND (p.first_pass IS DISTINCT FROM v.fp OR p.max_index < v.mi)
         RETURNING old.first_pass AS ofp, old.max_index AS omi, new.first_pass AS nfp, new.max_index AS nmi),
       ins AS (
         INSERT INTO insight_yield_prompts (prompt_id, dataset_id, first_pass, max_index)
         SELECT prompt_id, $4, fp, mi FROM v WHERE NOT EXISTS (SELECT 1 FROM insight_yield_prompts p WHERE p.prompt_id = v.prompt_id)
         ON CONFLICT DO NOTHING
         RETURNING first_pass AS nfp, max_index AS nmi)
       INSERT INTO insight_yield_cells (dataset_id, run_id, first_pass, max_index, prompts)
       SELECT $4, 0, coalesce(fp, -1), mi, sum(sg) FROM (
         SELECT ofp AS fp, omi AS mi, -1 AS sg FROM up WHERE omi >= 0
         UNION ALL SELECT nfp, nmi, 1 FROM up
         UNION ALL SELECT nfp, nmi, 1 FROM ins) x
        GROUP BY 3, 4 HAVING sum(sg) <> 0`,
      [int4Array(prompts.prompt), int4Array(prompts.firstPass), int4Array(prompts.maxIndex), ds],
    );
  }
}
