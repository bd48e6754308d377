import 'server-only';
import type pg from 'pg';
import { pgPool } from '../db/pool';
import { withTransaction } from '../db/with-transaction';
import { deriveDatasetAsync, type CandidateRow } from './policy';
import { loadPlan } from './rederive/load-plan';
import { readCandidateRows, readPrompts, type StoredPrompt, type StoredVerdict } from './rederive/read-rows';
import { VerdictWriter, type WriteCounts } from './rederive/verdict-writer';

/** First key of pg_advisory(_xact)_lock(int, int) meaning "verdicts of dataset <id> are being re-derived". */
export const REDERIVE_LOCK_SPACE = 0x57_52_44; // "WRD"
const PAGE_PROMPTS = 2000;

export interface RederiveResult extends WriteCounts {
  ms: number;
  /** Of which: reading candidates and scores, and writing changes (writes overlap reads). */
  readMs: number;
  writeMs: number;
  /** Prompts derived a second time because a candidate changed between being read and written (a curator's decision). */
  rederivedPrompts: number;
}

/**
 * Re-derives every verdict of a dataset from its stored scores and policy (no evaluator runs):
 * streams candidates + scores ordered by prompt through the policy core, page by page of prompts,
 * and writes candidates.aggregate/auto_verdict/verdict_reason/rank/final_status and
 * prompts.accepted_count/top_score/margin/flags where they changed, with the Insight summary deltas.
 * Curator decisions keep their final_status. One re-derivation per dataset at a time (advisory lock;
 * prompt-level re-derivations by judge jobs wait for it).
 */
export async function rederiveDataset(datasetId: number, opts: { pageSize?: number; batchSize?: number } = {}): Promise<RederiveResult> {
  const started = performance.now();
  const { skipped, ...result } = await deriveAndWrite(datasetId, opts);
  // Prompts left unwritten because a candidate changed between being read and written (decided or
  // deleted) are derived again in one transaction under the lock, as a judge job does (the summary
  // triggers keep Insight exact there).
  if (skipped.length) await withTransaction((tx) => rederivePrompts(tx, datasetId, skipped));
  return { ...result, rederivedPrompts: skipped.length, ms: Math.round(performance.now() - started) };
}

async function deriveAndWrite(
  datasetId: number,
  opts: { pageSize?: number; batchSize?: number },
): Promise<Omit<RederiveResult, 'ms' | 'rederivedPrompts'> & { skipped: number[] }> {
  const pool = pgPool();
  const reader = await pool.connect();
  try {
    await reader.query('SELECT pg_advisory_lock($1, $2)', [REDERIVE_LOCK_SPACE, datasetId]);
    try {
      const { plan, judgeIds } = await loadPlan(reader, datasetId);
      const writer = new VerdictWriter(pool, datasetId, opts.batchSize);
      const stored = new Map<number, StoredVerdict>();
      const prompts = new Map<number, StoredPrompt>();
      /** Prompts read without candidates whose derived fields are not yet reset. */
      const emptied: number[] = [];
      const limit = opts.pageSize ?? PAGE_PROMPTS;
      let readMs = 0;
      async function* rows(): AsyncGenerator<CandidateRow> {
        let after = 0;
        for (;;) {
          const page = await readPrompts(reader, datasetId, { after, limit });
          if (!page.length) return;
          after = page[page.length - 1].id;
          const t = performance.now();
          const pageRows = await readCandidateRows(reader, datasetId, page.map((p) => p.id), judgeIds, stored);
          readMs += performance.now() - t;
          // Prompts with no candidates never produce an outcome: they are reset at the end instead.
          const withRows = new Set(pageRows.map((r) => r.promptId));
          for (const p of page) {
            if (withRows.has(p.id)) prompts.set(p.id, p);
            else if (!isReset(p)) emptied.push(p.id);
          }
          yield* pageRows;
          if (page.length < limit) return;
        }
      }
      try {
        for await (const outcome of deriveDatasetAsync(plan, rows())) await writer.add(outcome, stored, prompts);
        await writer.flush();
      } catch (e) {
        // The other batch in flight may still commit: let it end before the lock goes.
        await writer.settle();
        throw e;
      }
      if (emptied.length) await resetEmptyPrompts(pool, datasetId, emptied);
      return { ...writer.counts, readMs: Math.round(readMs), writeMs: Math.round(writer.writeMs), skipped: [...writer.skippedPrompts] };
    } finally {
      await reader.query('SELECT pg_advisory_unlock($1, $2)', [REDERIVE_LOCK_SPACE, datasetId]).catch(() => {});
    }
  } finally {
    reader.release();
  }
}

/** A whole-dataset re-derivation of this dataset is running (its verdicts are changing). */
export async function isRederiving(datasetId: number): Promise<boolean> {
  const { rows } = await pgPool().query<{ busy: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = $1 AND objid = $2 AND objsubid = 2 AND granted) AS busy`,
    [REDERIVE_LOCK_SPACE, datasetId],
  );
  return rows[0]?.busy ?? false;
}

/**
 * Re-derives the given prompts of a dataset in the caller's transaction (a judge job after writing
 * scores). Takes the dataset's re-derivation lock for the transaction, so it never interleaves with
 * another re-derivation of the same dataset.
 */
export async function rederivePrompts(tx: pg.ClientBase, datasetId: number, promptIds: number[]): Promise<WriteCounts> {
  let ids = [...new Set(promptIds)].sort((a, b) => a - b);
  await tx.query('SELECT pg_advisory_xact_lock($1, $2)', [REDERIVE_LOCK_SPACE, datasetId]);
  const { plan, judgeIds } = await loadPlan(tx, datasetId);
  const all = ids;
  let counts: WriteCounts | null = null;
  // A curator's decision can land between reading a candidate and writing it: its prompt is then
  // left unwritten, and read and derived again (each statement sees what committed before it).
  for (let attempt = 1; attempt === 1 || ids.length; attempt++) {
    if (attempt > 5) throw new Error(`re-deriving prompts ${ids.join(', ')} of dataset ${datasetId}: their candidates kept changing`);
    const writer = new VerdictWriter(tx, datasetId);
    const stored = new Map<number, StoredVerdict>();
    const prompts = new Map((await readPrompts(tx, datasetId, { ids })).map((p) => [p.id, p]));
    const rows = await readCandidateRows(tx, datasetId, ids, judgeIds, stored);
    for await (const outcome of deriveDatasetAsync(plan, rows)) await writer.add(outcome, stored, prompts);
    await writer.flush();
    counts ??= writer.counts;
    ids = [...writer.skippedPrompts].sort((a, b) => a - b);
  }
  await resetEmptyPrompts(tx, datasetId, all);
  return counts!;
}

const isReset = (p: StoredPrompt) => p.acceptedCount === 0 && p.topScore === null && p.margin === null && p.flags.length === 0;

/** Prompts without candidates have nothing accepted (their candidates may have been deleted). */
async function resetEmptyPrompts(db: pg.Pool | pg.ClientBase, datasetId: number, ids: number[]) {
  await db.query(
    `UPDATE prompts p SET accepted_count = 0, top_score = NULL, margin = NULL, flags = '{}'
     WHERE p.dataset_id = $1 AND p.id = ANY($2::int[])
       AND (p.accepted_count <> 0 OR p.top_score IS NOT NULL OR p.margin IS NOT NULL OR p.flags <> '{}')
       AND NOT EXISTS (SELECT 1 FROM candidates c WHERE c.prompt_id = p.id)`,
    [datasetId, ids],
  );
}
