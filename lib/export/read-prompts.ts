import 'server-only';
// Reads a dataset's prompts with their candidates in batches, by a keyset cursor on the prompt id:
// each batch is two or three indexed queries, the next batch is fetched while the caller works on
// this one, and nothing but one or two batches is ever in memory.
import type pg from 'pg';
import { escapeLiteral } from 'pg';
import { jsTrimWhitespace } from './js-whitespace';
import type { ExportCandidate, ExportPrompt, FinalStatus } from './types';

export type ReadOptions = {
  datasetId: number;
  /** Only candidates with these final statuses (null: all). */
  statuses: FinalStatus[] | null;
  /** Load the score of every evaluator (raw, evaluator filters, DPO gates). */
  scores: boolean;
  /** Load decisions with their reviewer (raw). */
  decisions: boolean;
  /** false when only counting: content is read as '' or 'x' (empty or not), nothing more. */
  content: boolean;
  /**
   * Read model, auto verdict and duplicate link too (raw). Without them (SFT, DPO) those fields are
   * null: every column costs a string decode per row in the driver, the hot path of a 1M export.
   */
  details?: boolean;
  batchPrompts?: number;
};

type PromptRow = { id: number; external_id: string; messages: ExportPrompt['messages']; reference: unknown; metadata: unknown };
type CandidateTuple = [
  id: number,
  promptId: number,
  runId: number,
  sampleIndex: number,
  content: string,
  model: string | null,
  aggregate: number | null,
  autoVerdict: ExportCandidate['autoVerdict'],
  finalStatus: FinalStatus,
  rank: number | null,
  duplicateOfId: number | null,
  verdict?: 'approved' | 'rejected' | null,
  reviewer?: string | null,
  note?: string | null,
];

function toCandidate(r: CandidateTuple, decisions: boolean): ExportCandidate {
  const c: ExportCandidate = {
    id: r[0],
    runId: r[2],
    sampleIndex: r[3],
    content: r[4],
    model: r[5],
    aggregate: r[6],
    autoVerdict: r[7],
    finalStatus: r[8],
    rank: r[9],
    duplicateOfId: r[10],
    scores: {},
  };
  if (decisions) c.decision = r[11] ? { verdict: r[11], reviewer: r[12] ?? null, note: r[13] ?? null } : null;
  return c;
}

type ScoreRow = { candidate_id: number; name: string; value: number | null; passed: boolean | null; rationale: string | null; error: string | null };

/** Candidate queries in flight at once: PostgreSQL works on the next batches while the caller serialises this one. */
const DEPTH = 2;

export async function* readPromptBatches(pool: pg.Pool, opts: ReadOptions): AsyncGenerator<ExportPrompt[]> {
  const size = opts.batchPrompts ?? 500;
  let after = 0;
  let more = true;
  const pending: Promise<ExportPrompt[]>[] = [];
  while (more || pending.length) {
    // Prompt pages follow each other (each starts after the last id of the one before); their
    // candidates are fetched concurrently.
    while (more && pending.length < DEPTH) {
      const prompts = await pool.query<PromptRow>({
        name: 'export-prompts',
        text: `SELECT id, external_id, messages, reference, metadata FROM prompts WHERE dataset_id = $1 AND id > $2 ORDER BY id LIMIT $3`,
        values: [opts.datasetId, after, size],
      });
      more = prompts.rows.length === size;
      if (!prompts.rows.length) break;
      const from = after;
      after = prompts.rows[prompts.rows.length - 1].id;
      const batch = withCandidates(pool, opts, prompts.rows, from, after);
      batch.catch(() => undefined); // awaited below; this only keeps an early failure from being "unhandled"
      pending.push(batch);
    }
    const next = pending.shift();
    if (!next) return;
    yield await next;
  }
}

async function withCandidates(pool: pg.Pool, opts: ReadOptions, prompts: PromptRow[], after: number, last: number): Promise<ExportPrompt[]> {
  // Counting: '' for an answer JavaScript's trim() empties (not PostgreSQL's default btrim, which keeps
  // e.g. a no-break space), so the preview skips exactly what the export skips.
  const content = opts.content ? 'c.content' : `CASE WHEN btrim(c.content, ${escapeLiteral(jsTrimWhitespace())}) = '' THEN '' ELSE 'x' END AS content`;
  const decision = opts.decisions ? ', d.verdict, u.email AS reviewer, d.note' : '';
  const joins = opts.decisions ? 'LEFT JOIN decisions d ON d.candidate_id = c.id LEFT JOIN users u ON u.id = d.reviewer_id' : '';
  // A range on the prompt id (the keyset) walks the (prompt_id, rank) index once; `= ANY(ids)` would
  // probe it once per prompt. No ORDER BY: rows are grouped by prompt here and sorted by id in JS.
  const params: unknown[] = [opts.datasetId, after, last];
  if (opts.statuses) params.push(opts.statuses);
  // rowMode array: one small array per row instead of an object with 11+ named fields (less garbage).
  // Named (prepared once per connection): the same statement runs hundreds of times in an export.
  const text = `SELECT c.id, c.prompt_id, c.run_id, c.sample_index, ${content}, ${opts.details ? 'c.model' : 'NULL'}, c.aggregate, ${opts.details ? 'c.auto_verdict' : 'NULL'}, c.final_status, c.rank, ${opts.details ? 'c.duplicate_of_id' : 'NULL'}${decision}
       FROM candidates c ${joins}
      WHERE c.prompt_id > $2 AND c.prompt_id <= $3 AND c.dataset_id = $1 ${opts.statuses ? 'AND c.final_status::text = ANY($4::text[])' : ''}`;
  const name = `export-candidates-${Number(opts.content)}${Number(!!opts.details)}${Number(opts.decisions)}${Number(!!opts.statuses)}`;
  const candidates = await pool.query<unknown[]>({ name, text, values: params, rowMode: 'array' });
  const scores = opts.scores && candidates.rows.length ? await readScores(pool, candidates.rows.map((c) => c[0] as number)) : null;

  const byPrompt = new Map<number, ExportCandidate[]>();
  for (const r of candidates.rows) {
    const c = toCandidate(r as CandidateTuple, opts.decisions);
    if (scores) c.scores = scores.get(c.id) ?? {};
    const promptId = r[1] as number;
    const list = byPrompt.get(promptId);
    if (list) list.push(c);
    else byPrompt.set(promptId, [c]);
  }
  return prompts.map((p) => ({
    id: p.id,
    externalId: p.external_id,
    messages: p.messages,
    reference: p.reference,
    metadata: p.metadata,
    candidates: (byPrompt.get(p.id) ?? []).sort((a, b) => a.id - b.id),
  }));
}

async function readScores(pool: pg.Pool, candidateIds: number[]) {
  const { rows } = await pool.query<ScoreRow>(
    `SELECT s.candidate_id, e.name, s.value, s.passed, s.rationale, s.error
       FROM scores s JOIN evaluators e ON e.id = s.evaluator_id
      WHERE s.candidate_id = ANY($1::int[]) ORDER BY s.candidate_id, e.name`,
    [candidateIds],
  );
  const out = new Map<number, ExportCandidate['scores']>();
  for (const r of rows) {
    let m = out.get(r.candidate_id);
    if (!m) out.set(r.candidate_id, (m = {}));
    m[r.name] = { value: r.value, passed: r.passed, rationale: r.rationale, error: r.error };
  }
  return out;
}
