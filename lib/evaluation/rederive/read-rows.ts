import 'server-only';
import type pg from 'pg';
import type { CandidateRow, PolicyScore } from '../policy';

/** What a candidate has stored now, to write only what re-derivation changes. */
export interface StoredVerdict {
  aggregate: number | null;
  autoVerdict: string;
  reason: string | null;
  rank: number | null;
  finalStatus: string;
  /** The curator's decision (approved/rejected), which final_status must keep. */
  decision: string | null;
  /** Bumped by every decision: the writer checks it did not change before its update. */
  reviewVersion: number;
  runId: number;
  sampleIndex: number;
  scores: ReadonlyMap<number, PolicyScore>;
}

export interface StoredPrompt {
  id: number;
  acceptedCount: number;
  topScore: number | null;
  margin: number | null;
  flags: string[];
}

/** Which prompts: a page in id order after `after`, or an explicit set. */
export type PromptScope = { after: number; limit: number } | { ids: number[] };

export async function readPrompts(db: pg.ClientBase, datasetId: number, scope: PromptScope): Promise<StoredPrompt[]> {
  const sql = `SELECT id, accepted_count, top_score, margin, flags FROM prompts WHERE dataset_id = $1 AND ${
    'ids' in scope ? 'id = ANY($2::int[]) ORDER BY id' : 'id > $2 ORDER BY id LIMIT $3'
  }`;
  const params = 'ids' in scope ? [datasetId, scope.ids] : [datasetId, scope.after, scope.limit];
  const { rows } = await db.query({ text: sql, values: params, rowMode: 'array' });
  return rows.map((r: unknown[]) => ({
    id: r[0] as number,
    acceptedCount: r[1] as number,
    topScore: r[2] as number | null,
    margin: r[3] as number | null,
    flags: r[4] as string[],
  }));
}

/**
 * Candidate rows (with their scores) of the given prompts (sorted ascending), ordered by prompt. The
 * stored verdict of each candidate goes into `stored`.
 *
 * Three index-driven reads instead of one join: the candidates of the prompts (range scan on
 * prompt_id), then the scores and decisions of those candidates by candidate id range (their ids
 * are close together when candidates were written prompt by prompt, as import and generation do) or,
 * when the ids are scattered, by id list. A single join let the planner hash the whole scores table
 * for every page.
 */
export async function readCandidateRows(
  db: pg.ClientBase,
  datasetId: number,
  promptIds: number[],
  judgeIds: number[],
  stored: Map<number, StoredVerdict>,
): Promise<CandidateRow[]> {
  if (promptIds.length === 0) return [];
  const contiguous = promptIds[promptIds.length - 1] - promptIds[0] + 1 === promptIds.length;
  const cands = await db.query({
    text: `SELECT prompt_id, id, sample_index, run_id, content_hash, duplicate_of_id, aggregate, auto_verdict::text, verdict_reason, rank, final_status::text,
                  review_version
           FROM candidates WHERE dataset_id = $1 AND ${contiguous ? 'prompt_id BETWEEN $2 AND $3' : 'prompt_id = ANY($2::int[])'}
           ORDER BY prompt_id, id`,
    values: contiguous ? [datasetId, promptIds[0], promptIds[promptIds.length - 1]] : [datasetId, promptIds],
    rowMode: 'array',
  });
  const rows = cands.rows as unknown[][];
  if (!rows.length) return [];
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows) {
    const id = r[1] as number;
    if (id < lo) lo = id;
    if (id > hi) hi = id;
  }
  const byRange = hi - lo < 4 * rows.length + 1000;
  const idFilter = byRange ? 'candidate_id BETWEEN $1 AND $2' : 'candidate_id = ANY($1::int[])';
  const idParams: unknown[] = byRange ? [lo, hi] : [rows.map((r) => r[1] as number)];
  const [scoreRows, decisionRows] = [
    await db.query({
      text: `SELECT candidate_id, evaluator_id, value, passed, CASE WHEN passed IS NOT TRUE THEN rationale END, error,
                    CASE WHEN evaluator_id = ANY($${idParams.length + 1}::int[]) THEN (raw->>'pairwiseInconsistent') = 'true' END
             FROM scores WHERE ${idFilter}`,
      values: [...idParams, judgeIds],
      rowMode: 'array',
    }),
    await db.query({ text: `SELECT candidate_id, verdict::text FROM decisions WHERE ${idFilter}`, values: idParams, rowMode: 'array' }),
  ];
  const scores = new Map<number, Map<number, PolicyScore>>();
  const pairwise = new Set<number>();
  for (const r of scoreRows.rows as unknown[][]) {
    const cid = r[0] as number;
    let m = scores.get(cid);
    if (!m) scores.set(cid, (m = new Map()));
    m.set(r[1] as number, { value: r[2] as number | null, passed: r[3] as boolean | null, rationale: r[4] as string | null, error: r[5] as string | null });
    if (r[6] === true) pairwise.add(cid);
  }
  const decisions = new Map<number, string>();
  for (const r of decisionRows.rows as unknown[][]) decisions.set(r[0] as number, r[1] as string);

  const none: ReadonlyMap<number, PolicyScore> = new Map();
  const out: CandidateRow[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const id = r[1] as number;
    const row: CandidateRow = {
      promptId: r[0] as number,
      id,
      sampleIndex: r[2] as number,
      runId: r[3] as number,
      contentHash: r[4] as string,
      duplicateOfId: r[5] as number | null,
      pairwiseInconsistent: pairwise.has(id),
      scores: scores.get(id) ?? none,
    };
    out[i] = row;
    stored.set(id, {
      aggregate: r[6] as number | null,
      autoVerdict: r[7] as string,
      reason: r[8] as string | null,
      rank: r[9] as number | null,
      finalStatus: r[10] as string,
      decision: decisions.get(id) ?? null,
      reviewVersion: r[11] as number,
      runId: row.runId,
      sampleIndex: row.sampleIndex,
      scores: row.scores,
    });
  }
  return out;
}
