import 'server-only';
// The Insight summaries (lib/insight/sql/summaries.sql) of an import into an empty dataset, written
// from what the import itself knows instead of by insight_rebuild(ds) before commit.
//
// Why: the summary triggers skip such an import (winnow.insight_deferred, see open-import-target.ts),
// and the rebuild that made up for it passed three times over every candidate of the dataset after
// the last COPY: ~19% of the server's CPU in a perf profile of the bench import (200 k candidates),
// all of it on the import's critical path. Here the per-prompt rows ride along with each COPY batch
// and the few aggregate cells are one small INSERT each.
//
// What it writes is exactly what insight_rebuild(ds) computes from the rows this import inserts (the
// dataset had no prompts, so no candidates, scores or decisions of it existed before):
//   - every candidate is auto_verdict 'pending' with no reason, aggregate, rank, tokens or cost (the
//     import writes none of these columns), so its verdict class is 0 (no first pass), final status
//     'pending', and there are no bin, reviewed or eval-reviewed cells (no aggregate, no decisions);
//   - cost cells: candidates by (run, model); yield pairs and prompts: (prompt, run) → highest
//     sample_index; yield cells: prompts by highest sample_index, for the run and for run 0;
//   - histograms: scores with a value and no error by (evaluator, least(9, floor(value*10+1e-9)));
//     no spreads (the import writes no Score.raw).
// import-summaries.int.test.ts and lib/insight/summaries.int.test.ts compare the result with
// insight_rebuild(): a change to what an import writes, or to the summaries, must keep them equal.
import type pg from 'pg';
import { histBin } from '../insight/summary-keys';
import { BinaryCopyBuffer } from './binary-copy';

export { histBin };

/** Every summary table of a dataset (the same list insight_rebuild clears first). */
const SUMMARY_TABLES = [
  'insight_cost_cells',
  'insight_bin_cells',
  'insight_hist_cells',
  'insight_spread_cells',
  'insight_yield_cells',
  'insight_yield_pairs',
  'insight_yield_prompts',
  'insight_reviewed_cells',
  'insight_eval_reviewed_cells',
];

/** Rows of a previous life of the dataset (zero-sum deltas) go, as insight_rebuild's do. Before the first COPY. */
export async function clearSummaries(client: pg.PoolClient, datasetId: number) {
  await client.query(SUMMARY_TABLES.map((t) => `DELETE FROM ${t} WHERE dataset_id = ${Number(datasetId)}`).join('; '));
}

export class ImportSummaries {
  private readonly pairs = new BinaryCopyBuffer();
  private readonly prompts = new BinaryCopyBuffer();
  private readonly byModel = new Map<string | null, number>();
  /** Highest sample_index → prompts. */
  private readonly byMaxIndex = new Map<number, number>();
  /** `${evaluatorId} ${bin}` → scores. */
  private readonly hist = new Map<string, number>();

  constructor(private readonly datasetId: number) {}

  /** A prompt written with `candidates` (> 0) candidates of run `runId`, sample indexes 0..candidates-1. */
  addPrompt(promptId: number, runId: number, candidates: number) {
    const maxIndex = candidates - 1;
    // insight_yield_pairs (prompt_id, run_id, dataset_id, first_pass, max_index); first_pass NULL.
    this.pairs.row(5, 5 * 8).int4(promptId).int4(runId).int4(this.datasetId).text(null).int4(maxIndex).end();
    // insight_yield_prompts (prompt_id, dataset_id, first_pass, max_index).
    this.prompts.row(4, 4 * 8).int4(promptId).int4(this.datasetId).text(null).int4(maxIndex).end();
    this.byMaxIndex.set(maxIndex, (this.byMaxIndex.get(maxIndex) ?? 0) + 1);
  }

  addCandidate(model: string | null) {
    this.byModel.set(model, (this.byModel.get(model) ?? 0) + 1);
  }

  /** A score row as written (value: the stored, normalised value; null with an error). */
  addScore(evaluatorId: number, value: number | null, error: string | null) {
    if (value === null || error !== null) return;
    const key = `${evaluatorId} ${histBin(value)}`;
    this.hist.set(key, (this.hist.get(key) ?? 0) + 1);
  }

  /** The per-prompt rows queued since the last call, as COPY statements for the batch being sent. */
  takeCopies(): [sql: string, data: Buffer[]][] {
    return [
      ['COPY insight_yield_pairs (prompt_id, run_id, dataset_id, first_pass, max_index) FROM STDIN (FORMAT binary)', this.pairs.take()],
      ['COPY insight_yield_prompts (prompt_id, dataset_id, first_pass, max_index) FROM STDIN (FORMAT binary)', this.prompts.take()],
    ];
  }

  /** Forget the rows queued for the current batch (it is not written). */
  dropRows() {
    this.pairs.clear();
    this.prompts.clear();
  }

  /** The aggregate cells, once every batch is written (runId: the import's run, null without candidates). */
  async writeCells(client: pg.PoolClient, runId: number | null) {
    const ds = this.datasetId;
    if (runId !== null && this.byModel.size) {
      const models = [...this.byModel.keys()];
      await client.query(
        `INSERT INTO insight_cost_cells (dataset_id, run_id, model, final_status, n, prompt_tokens, completion_tokens, cost_usd, costed)
         SELECT $1, $2, m, 'pending', n, 0, 0, 0, 0 FROM unnest($3::text[], $4::bigint[]) AS x(m, n)`,
        [ds, runId, models, models.map((m) => this.byModel.get(m)!)],
      );
    }
    if (runId !== null && this.byMaxIndex.size) {
      const maxIndexes = [...this.byMaxIndex.keys()];
      await client.query(
        `INSERT INTO insight_yield_cells (dataset_id, run_id, first_pass, max_index, prompts)
         SELECT $1, r, -1, mi, n FROM unnest($3::int[], $4::bigint[]) AS x(mi, n), unnest(ARRAY[$2::int, 0]) AS r`,
        [ds, runId, maxIndexes, maxIndexes.map((m) => this.byMaxIndex.get(m)!)],
      );
    }
    if (this.hist.size) {
      const keys = [...this.hist.keys()];
      const split = keys.map((k) => k.split(' ').map(Number));
      await client.query(
        `INSERT INTO insight_hist_cells (dataset_id, evaluator_id, bin, final_status, n)
         SELECT $1, e, b, 'pending', n FROM unnest($2::int[], $3::int[], $4::bigint[]) AS x(e, b, n)`,
        [ds, split.map((s) => s[0]), split.map((s) => s[1]), keys.map((k) => this.hist.get(k)!)],
      );
    }
  }
}
