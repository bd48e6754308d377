import 'server-only';
import type pg from 'pg';
import { pgPool } from './pool';

/** Runs fn in a transaction on one pooled connection: COMMIT when it returns, ROLLBACK when it throws. */
export async function withTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pgPool().connect();
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
