import 'server-only';
import { pgPool } from '../db/pool';
import { toPlainExcerpt } from '../prompts/text';
import { decodeQueueCursor, encodeQueueCursor, queueKey } from './queue-order';
import { afterCondition, bind, orderBy, orderKeyExpr, queueWhere, type Sql } from './queue-sql';
import type { QueueFilter, QueueQuery } from './schemas';
import type { FinalStatus } from './types';

export type QueueItem = {
  id: number;
  externalId: string;
  excerpt: string;
  uncertainty: number;
  acceptedCount: number;
  topScore: number | null;
  margin: number | null;
  flags: string[];
  reviewedAt: string | null;
  claimedBy: string | null;
  candidateCount: number;
  counts: Record<FinalStatus, number>;
};

export type QueuePage = { items: QueueItem[]; nextCursor: string | null };

type Row = Omit<QueueItem, 'excerpt' | 'counts' | 'reviewedAt'> & {
  excerpt: string | null;
  reviewedAt: Date | null;
  randomKey: string | null;
  pending: number;
  accepted: number;
  rejected: number;
  approved: number;
};

/** SQL of one queue page (exported for EXPLAIN in the bench). */
export function listQueueSql(datasetId: number, q: QueueQuery): Sql {
  const params: unknown[] = [];
  let where = queueWhere(datasetId, q, params);
  const key = orderKeyExpr(q.order, q.seed, params);
  const after = decodeQueueCursor(q.after, q.order, q.seed);
  if (after) where += ` AND ${afterCondition(q.order, key, after, params)}`;
  const limit = bind(params, q.limit + 1);
  return {
    params,
    text: `SELECT p.id, p.external_id AS "externalId", p.uncertainty, p.accepted_count AS "acceptedCount", p.top_score AS "topScore", p.margin, p.flags,
       p.reviewed_at AS "reviewedAt", ${q.order === 'random' ? 'p.rk::text' : 'NULL'} AS "randomKey",
       CASE WHEN p.claim_expires_at > now() THEN coalesce(nullif(u.name, ''), u.email) END AS "claimedBy",
       left(coalesce(
         (SELECT m->>'content' FROM jsonb_array_elements(CASE jsonb_typeof(p.messages) WHEN 'array' THEN p.messages ELSE '[]'::jsonb END) m
           WHERE m->>'role' = 'user' AND jsonb_typeof(m->'content') = 'string' LIMIT 1), p.search_text), 400) AS excerpt,
       coalesce(c.n, 0)::int AS "candidateCount", coalesce(c.pending, 0)::int AS pending, coalesce(c.accepted, 0)::int AS accepted,
       coalesce(c.rejected, 0)::int AS rejected, coalesce(c.approved, 0)::int AS approved
     FROM (
       SELECT p.*, ${key} AS rk FROM prompts p WHERE ${where} ORDER BY ${orderBy(q.order, key)} LIMIT ${limit}
     ) p
     LEFT JOIN users u ON u.id = p.claimed_by_id
     LEFT JOIN LATERAL (
       SELECT count(*) AS n, count(*) FILTER (WHERE c.final_status = 'pending') AS pending, count(*) FILTER (WHERE c.final_status = 'accepted') AS accepted,
              count(*) FILTER (WHERE c.final_status = 'rejected') AS rejected, count(*) FILTER (WHERE c.final_status = 'approved') AS approved
       FROM candidates c WHERE c.prompt_id = p.id
     ) c ON true
     ORDER BY ${orderBy(q.order, 'p.rk')}`,
  };
}

/** One keyset page of the review queue in the chosen order. */
export async function listQueue(datasetId: number, q: QueueQuery): Promise<QueuePage> {
  const sql = listQueueSql(datasetId, q);
  const { rows } = await pgPool().query<Row>(sql.text, sql.params);
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      externalId: r.externalId,
      excerpt: toPlainExcerpt(r.excerpt, 180),
      uncertainty: r.uncertainty,
      acceptedCount: r.acceptedCount,
      topScore: r.topScore,
      margin: r.margin,
      flags: r.flags,
      reviewedAt: r.reviewedAt?.toISOString() ?? null,
      claimedBy: r.claimedBy,
      candidateCount: r.candidateCount,
      counts: { pending: r.pending, accepted: r.accepted, rejected: r.rejected, approved: r.approved },
    })),
    nextCursor: more && last ? encodeQueueCursor(q.order, queueKey(q.order, { id: last.id, uncertainty: last.uncertainty, randomKey: last.randomKey ?? undefined }), q.seed) : null,
  };
}

/** How many prompts match a filter (capped, like the prompt list). */
export async function countQueue(datasetId: number, f: QueueFilter, cap = 10_000): Promise<{ count: number; capped: boolean }> {
  const params: unknown[] = [];
  const where = queueWhere(datasetId, f, params);
  const { rows } = await pgPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM prompts p WHERE ${where} LIMIT ${cap + 1}) t`, params);
  const n = rows[0]?.n ?? 0;
  return n > cap ? { count: cap, capped: true } : { count: n, capped: false };
}
