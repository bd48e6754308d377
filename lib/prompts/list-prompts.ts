import 'server-only';
import { pgPool } from '../db/pool';
import { decodeCursor, encodeCursor } from './cursor';
import { promptFilterSql, type SqlFragment } from './filter-sql';
import type { PromptFilter, PromptListQuery } from './schemas';
import { derivePromptStatus, toPlainExcerpt, type PromptRowStatus } from './text';

export type PromptListItem = {
  id: number;
  externalId: string;
  /** First user turn (or the search text), one line of plain text. */
  excerpt: string;
  candidateCount: number;
  /** Max candidate aggregate score; null when nothing is scored. */
  bestScore: number | null;
  acceptedCount: number;
  status: PromptRowStatus;
};

export type PromptListPage = {
  items: PromptListItem[];
  /** Cursor of the page after this one, null on the last page. */
  nextCursor: string | null;
  /** Cursor of the page before this one, null on the first page. */
  prevCursor: string | null;
};

type Row = {
  id: number;
  externalId: string;
  excerpt: string | null;
  acceptedCount: number;
  reviewed: boolean;
  candidateCount: number;
  pendingCount: number;
  bestScore: number | null;
};

/**
 * One page of a dataset's prompts, keyset-paginated by id. Per-prompt candidate numbers are
 * computed for the rows of the page only (LATERAL on candidates_prompt_id_rank_idx), so the cost
 * does not grow with the dataset.
 */
export async function listPrompts(datasetId: number, query: PromptListQuery): Promise<PromptListPage> {
  const limit = query.limit;
  const after = decodeCursor(query.after);
  const before = after === null ? decodeCursor(query.before) : null;
  const backwards = before !== null;
  const sql = listPromptsSql(datasetId, query);
  const { rows } = await pgPool().query<Row>(sql.text, sql.params);

  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (backwards) page.reverse();
  const items = page.map(toItem);
  const first = items[0]?.id;
  const last = items.at(-1)?.id;

  let nextCursor: string | null;
  let prevCursor: string | null;
  if (backwards) {
    prevCursor = more && first !== undefined ? encodeCursor(first) : null;
    nextCursor = last !== undefined ? encodeCursor(last) : encodeCursor(before - 1);
  } else {
    nextCursor = more && last !== undefined ? encodeCursor(last) : null;
    prevCursor = after === null ? null : encodeCursor(first ?? after + 1);
  }
  return { items, nextCursor, prevCursor };
}

function toItem(r: Row): PromptListItem {
  return {
    id: r.id,
    externalId: r.externalId,
    excerpt: toPlainExcerpt(r.excerpt, 160),
    candidateCount: r.candidateCount,
    bestScore: r.bestScore,
    acceptedCount: r.acceptedCount,
    status: derivePromptStatus(r),
  };
}

/** The SQL of one page (exported for EXPLAIN checks). */
export function listPromptsSql(datasetId: number, query: PromptListQuery): SqlFragment {
  const after = decodeCursor(query.after);
  const before = after === null ? decodeCursor(query.before) : null;
  const backwards = before !== null;
  const filter = promptFilterSql(datasetId, query, 1);
  const params = [...filter.params];
  let where = filter.text;
  if (after !== null) {
    params.push(after);
    where += ` AND p.id > $${params.length}`;
  } else if (backwards) {
    params.push(before);
    where += ` AND p.id < $${params.length}`;
  }
  params.push(query.limit + 1);
  const order = backwards ? 'DESC' : 'ASC';
  return {
    params,
    text: `SELECT p.id, p.external_id AS "externalId", p.accepted_count AS "acceptedCount",
       left(coalesce(
         (SELECT m->>'content' FROM jsonb_array_elements(CASE jsonb_typeof(p.messages) WHEN 'array' THEN p.messages ELSE '[]'::jsonb END) m
           WHERE m->>'role' = 'user' AND jsonb_typeof(m->'content') = 'string' LIMIT 1),
         p.search_text), 600) AS excerpt,
       c.decided > 0 AS reviewed,
       coalesce(c.n, 0)::int AS "candidateCount",
       coalesce(c.pending, 0)::int AS "pendingCount",
       c.best AS "bestScore"
     FROM (
       SELECT p.id, p.external_id, p.accepted_count, p.messages, p.search_text
       FROM prompts p
       WHERE ${where}
       ORDER BY p.id ${order}
       LIMIT $${params.length}
     ) p
     LEFT JOIN LATERAL (
       SELECT count(*) AS n,
              count(*) FILTER (WHERE c.final_status = 'pending') AS pending,
              max(c.aggregate) AS best,
              count(d.id) AS decided
       FROM candidates c LEFT JOIN decisions d ON d.candidate_id = c.id
       WHERE c.prompt_id = p.id
     ) c ON true
     ORDER BY p.id ${order}`,
  };
}

/** The SQL of a capped count (exported for EXPLAIN checks). */
export function countPromptsSql(datasetId: number, filter: PromptFilter, cap: number): SqlFragment {
  const sql = promptFilterSql(datasetId, filter, 1);
  const unfiltered = !filter.q && filter.status === 'any';
  return {
    params: sql.params,
    text: unfiltered
      ? `SELECT count(*)::int AS n FROM prompts p WHERE ${sql.text}`
      : `SELECT count(*)::int AS n FROM (SELECT 1 FROM prompts p WHERE ${sql.text} LIMIT ${cap + 1}) t`,
  };
}

/** `count` is null when the search is too short for the trigram index (1–2 characters): not worth a full scan. */
export type PromptCount = { count: number | null; capped: boolean };

/**
 * How many prompts match a filter, counting at most `cap` (+1 to know it was reached): a broad
 * search over 100k prompts must not cost a full count.
 */
export async function countPrompts(datasetId: number, filter: PromptFilter, cap = 10_000): Promise<PromptCount> {
  if (filter.q && Array.from(filter.q).length < 3) return { count: null, capped: false };
  const unfiltered = !filter.q && filter.status === 'any';
  const sql = countPromptsSql(datasetId, filter, cap);
  const { rows } = await pgPool().query<{ n: number }>(sql.text, sql.params);
  const n = rows[0]?.n ?? 0;
  return unfiltered || n <= cap ? { count: n, capped: false } : { count: cap, capped: true };
}
