import 'server-only';
import { pgPool } from '../db/pool';
import { bind, orderBy, orderKeyExpr, queueWhere, type Sql } from './queue-sql';
import type { ClaimInput } from './schemas';

/** How long a claim holds a prompt for its curator. */
export const CLAIM_TTL_SECONDS = 15 * 60;

/**
 * SQL of one claim attempt: ONE statement. It picks the first prompt in queue order that is not
 * reviewed and not claimed by someone else (or whose claim expired), locks it with
 * FOR UPDATE SKIP LOCKED (a concurrent claimer skips it instead of waiting for it), claims it for
 * `userId` until now + ttl, and releases the prompt being left. With `fromCurrent`, only prompts
 * after the current one in queue order are considered.
 */
export function claimNextSql(input: ClaimInput, userId: string, fromCurrent: boolean, ttlSeconds = CLAIM_TTL_SECONDS): Sql {
  const params: unknown[] = [];
  const where = queueWhere(input.datasetId, { ...input.filter, reviewed: 'no' }, params);
  const key = orderKeyExpr(input.order, input.seed, params);
  const user = bind(params, userId);
  let after = '';
  if (fromCurrent && input.currentPromptId) {
    const cur = bind(params, input.currentPromptId);
    // The current prompt's position, read inside the same statement.
    const curKey = input.order === 'random' ? `hashint4extended(${cur}::int, ${bind(params, input.seed)}::bigint)` : input.order === 'id' ? `${cur}::int` : `(SELECT uncertainty FROM prompts WHERE id = ${cur})`;
    after =
      input.order === 'uncertain'
        ? ` AND (p.uncertainty < ${curKey} OR (p.uncertainty = ${curKey} AND p.id > ${cur}))`
        : input.order === 'id'
          ? ` AND p.id > ${cur}`
          : ` AND (${key}, p.id) > (${curKey}, ${cur})`;
  }
  const ttl = bind(params, ttlSeconds);
  const current = bind(params, input.currentPromptId ?? null);
  return {
    params,
    text: `WITH pick AS (
      SELECT p.id FROM prompts p
      WHERE ${where}${after}
        AND (p.claimed_by_id IS NULL OR p.claimed_by_id = ${user} OR p.claim_expires_at < now())
        AND p.id IS DISTINCT FROM ${current}::int
      ORDER BY ${orderBy(input.order, key)}
      LIMIT 1
      FOR UPDATE OF p SKIP LOCKED
    ), claimed AS (
      UPDATE prompts p SET claimed_by_id = ${user}, claim_expires_at = now() + make_interval(secs => ${ttl}::double precision)
      FROM pick WHERE p.id = pick.id
      RETURNING p.id
    ), released AS (
      UPDATE prompts p SET claimed_by_id = NULL, claim_expires_at = NULL
      WHERE p.id = ${current}::int AND p.claimed_by_id = ${user} AND EXISTS (SELECT 1 FROM pick)
    )
    SELECT id FROM claimed`,
  };
}

/**
 * Claims the next prompt of the queue for a curator and returns its id (null when nothing is
 * left). Continues after the current prompt, wrapping round to the start of the queue once.
 */
export async function claimNext(input: ClaimInput, userId: string, ttlSeconds = CLAIM_TTL_SECONDS): Promise<number | null> {
  const pool = pgPool();
  const attempts = input.currentPromptId ? [true, false] : [false];
  for (const fromCurrent of attempts) {
    const sql = claimNextSql(input, userId, fromCurrent, ttlSeconds);
    const { rows } = await pool.query<{ id: number }>(sql.text, sql.params);
    if (rows[0]) return rows[0].id;
  }
  return null;
}

/** Gives a prompt back (the curator leaves the board without taking another). */
export async function releaseClaim(datasetId: number, promptId: number, userId: string): Promise<void> {
  await pgPool().query(`UPDATE prompts SET claimed_by_id = NULL, claim_expires_at = NULL WHERE id = $1 AND dataset_id = $2 AND claimed_by_id = $3`, [
    promptId,
    datasetId,
    userId,
  ]);
}
