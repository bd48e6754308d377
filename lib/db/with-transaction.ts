import 'server-only';
import type pg from 'pg';
import { pgPool } from './pool';

/** Runs fn in a transaction on one pooled connection (of the app's pool unless given one): COMMIT when it returns, ROLLBACK when it throws. */
export async function withTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>, pool: pg.Pool = pgPool()): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}
