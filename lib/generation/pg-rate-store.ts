import 'server-only';
import type pg from 'pg';
import type { RateState, RateStore } from './rate-limiter';

/**
 * The RateLimiter's state for one endpoint in one row (`endpoint_rate_states`), so RPM/TPM hold
 * across every worker process. update() is the atomic read-modify-write the limiter needs: the row
 * is locked (SELECT … FOR UPDATE) while the pure reserve() runs, and `now` is the database's clock,
 * so workers on machines with skewed clocks still agree. Two round trips: "BEGIN; SELECT … FOR
 * UPDATE" and "UPDATE …; COMMIT" each go as one simple-protocol message (the values are numbers
 * formatted here, never user text).
 */
export class PgRateStore implements RateStore {
  private ensured = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly endpointId: number,
  ) {
    if (!Number.isInteger(endpointId)) throw new Error('endpointId must be an integer');
  }

  private async ensureRow() {
    if (this.ensured) return;
    await this.pool.query('INSERT INTO endpoint_rate_states (endpoint_id) VALUES ($1) ON CONFLICT DO NOTHING', [this.endpointId]);
    this.ensured = true;
  }

  async update<T>(fn: (state: RateState, now: number) => { state: RateState; result: T }): Promise<T> {
    await this.ensureRow();
    const client = await this.pool.connect();
    let open = false;
    try {
      open = true;
      const res = (await client.query(
        `BEGIN; SELECT request_tat, token_tat, paused_until, extract(epoch from clock_timestamp()) * 1000 AS now
         FROM endpoint_rate_states WHERE endpoint_id = ${this.endpointId} FOR UPDATE`,
      )) as unknown as pg.QueryResult[];
      const row = res[1]!.rows[0] as { request_tat: number; token_tat: number; paused_until: number; now: string };
      const { state, result } = fn(
        { requestTat: Number(row.request_tat), tokenTat: Number(row.token_tat), pausedUntil: Number(row.paused_until) },
        Number(row.now),
      );
      const num = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '0');
      await client.query(
        `UPDATE endpoint_rate_states SET request_tat = ${num(state.requestTat)}, token_tat = ${num(state.tokenTat)},
         paused_until = ${num(state.pausedUntil)} WHERE endpoint_id = ${this.endpointId}; COMMIT`,
      );
      open = false;
      return result;
    } catch (e) {
      if (open) await client.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  }

  /** Current pause (ms since epoch, database clock) and the database's now, without locking. */
  async readPause(): Promise<{ pausedUntil: number; now: number }> {
    const { rows } = await this.pool.query<{ paused_until: number; now: string }>(
      'SELECT paused_until, extract(epoch from clock_timestamp()) * 1000 AS now FROM endpoint_rate_states WHERE endpoint_id = $1',
      [this.endpointId],
    );
    return { pausedUntil: Number(rows[0]?.paused_until ?? 0), now: Number(rows[0]?.now ?? Date.now()) };
  }
}
