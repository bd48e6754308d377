import 'server-only';
import type pg from 'pg';
import type { PromptOutcome } from '../policy';
import type { StoredPrompt, StoredVerdict } from './read-rows';

/** The reason stored with a verdict: the policy's reason, plus scorers left out of the aggregate. */
export function storedReason(c: PromptOutcome['candidates'][number]): string {
  return c.excluded.length > 0 && c.code !== 'no-score' ? `${c.reason}; left out of the score (no value): ${c.excluded.join(', ')}` : c.reason;
}

/** Changed candidates, column by column (the unnest parameters). */
interface Columns {
  id: number[];
  agg: (number | null)[];
  av: string[];
  reason: string[];
  rank: number[];
}

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
 * Collects what re-derivation changed and writes it in batches (UPDATE … FROM unnest). Only rows whose
 * verdict, reason, rank, aggregate or final status differ are written. final_status is the curator's
 * decision when there is one, else the auto verdict — decided candidates keep theirs.
 *
 * None of the written candidate columns is indexed (migration rederive_hot_verdicts), so an update is
 * HOT — a new row version on the same page and no index entries — wherever its page has room.
 */
export class VerdictWriter {
  readonly counts: WriteCounts = { candidates: 0, prompts: 0, changedCandidates: 0, changedPrompts: 0, accepted: 0, rejected: 0, pending: 0 };
  private c: Columns = { id: [], agg: [], av: [], reason: [], rank: [] };
  private p = { id: [] as number[], acc: [] as number[], top: [] as (number | null)[], margin: [] as (number | null)[], flags: [] as string[] };
  /** Batches being written, oldest first (at most `writers`). */
  private flights: Promise<void>[] = [];
  private active = 0;
  private busySince = 0;
  /** Wall time during which some batch was being written (writes overlap reading when `db` is a pool). */
  writeMs = 0;

  /**
   * `db` runs the writes: a pool (writes overlap the next read, and up to `writers` batches are written
   * at once on their own connections; they touch disjoint rows) or the caller's transaction client.
   */
  constructor(
    private readonly db: pg.Pool | pg.ClientBase,
    private readonly datasetId: number,
    private readonly batchSize = 20_000,
    private readonly writers = 'totalCount' in db ? 2 : 1,
  ) {}

  async add(o: PromptOutcome, stored: Map<number, StoredVerdict>, prompts: Map<number, StoredPrompt>) {
    const n = this.counts;
    n.prompts++;
    for (const v of o.candidates) {
      n.candidates++;
      n[v.autoVerdict]++;
      const s = stored.get(v.id);
      stored.delete(v.id);
      const reason = storedReason(v);
      const final = s?.decision ?? v.autoVerdict;
      if (s && s.aggregate === v.aggregate && s.autoVerdict === v.autoVerdict && s.reason === reason && s.rank === v.rank && s.finalStatus === final) continue;
      n.changedCandidates++;
      this.c.id.push(v.id);
      this.c.agg.push(v.aggregate);
      this.c.av.push(v.autoVerdict);
      this.c.reason.push(reason);
      this.c.rank.push(v.rank);
    }
    const sp = prompts.get(o.promptId);
    prompts.delete(o.promptId);
    const pv = o.prompt;
    if (!sp || sp.acceptedCount !== pv.acceptedCount || sp.topScore !== pv.topScore || sp.margin !== pv.margin || !sameFlags(sp.flags, pv.flags)) {
      n.changedPrompts++;
      this.p.id.push(o.promptId);
      this.p.acc.push(pv.acceptedCount);
      this.p.top.push(pv.topScore);
      this.p.margin.push(pv.margin);
      this.p.flags.push(pv.flags.join(','));
    }
    if (this.c.id.length >= this.batchSize || this.p.id.length >= this.batchSize) await this.flush(false);
  }

  /** Starts writing what is collected; with `wait`, returns once everything is written. */
  async flush(wait = true) {
    while (this.flights.length >= this.writers) await this.flights.shift();
    const c = this.c;
    const p = this.p;
    this.c = { id: [], agg: [], av: [], reason: [], rank: [] };
    this.p = { id: [], acc: [], top: [], margin: [], flags: [] };
    const flight = this.write(c, p);
    flight.catch(() => {}); // rethrown when awaited below or by the next flush
    this.flights.push(flight);
    if (wait) while (this.flights.length) await this.flights.shift();
  }

  private async write(c: Columns, p: VerdictWriter['p']) {
    if (this.active++ === 0) this.busySince = performance.now();
    try {
      await this.writeNow(c, p);
    } finally {
      if (--this.active === 0) this.writeMs += performance.now() - this.busySince;
    }
  }

  private async writeNow(c: Columns, p: VerdictWriter['p']) {
    if (!c.id.length && !p.id.length) return;
    // On a pool: one transaction per batch, with hash joins off so each batch probes the primary key
    // (a hash join seq-scans the whole candidates table for every batch of a large dataset).
    const own = 'totalCount' in this.db ? await (this.db as pg.Pool).connect() : null;
    const db = own ?? (this.db as pg.ClientBase);
    try {
      // A whole-dataset re-derivation (the pool case) leaves the Insight summaries to one rebuild at
      // its end (rederiveDataset): their per-statement trigger doubled the database's work here.
      if (own) await own.query(`BEGIN; SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off; SET LOCAL winnow.insight_deferred = 'on'; SET LOCAL winnow.uncertainty_written = 'on'`);
      if (c.id.length) {
        await db.query(
          `UPDATE candidates c SET aggregate = v.agg, auto_verdict = v.av::"AutoVerdict", verdict_reason = v.reason, rank = v.rank,
                  final_status = COALESCE(d.verdict::text, v.av)::"FinalStatus"
           FROM unnest($1::int[], $2::float8[], $3::text[], $4::text[], $5::int[]) AS v(id, agg, av, reason, rank)
           LEFT JOIN decisions d ON d.candidate_id = v.id
           WHERE c.id = v.id`,
          [c.id, c.agg, c.av, c.reason, c.rank],
        );
      }
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
          [p.id, p.acc, p.top, p.margin, p.flags, this.datasetId],
        );
        if (!own) await db.query(`SELECT set_config('winnow.uncertainty_written', 'off', true)`);
      }
      if (own) await own.query('COMMIT');
    } catch (e) {
      if (own) await own.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      own?.release();
    }
  }
}
