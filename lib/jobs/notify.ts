import 'server-only';
import pg from 'pg';
import { pgPool } from '../db/pool';

// Wake-ups between processes: enqueuing jobs or cancelling a run NOTIFYs; workers LISTEN so they
// react at once instead of on their next poll. Polling stays as the fallback, so a lost
// notification only costs latency.

/** Also NOTIFYed by SQL: finalizeRun announces a closed run ({type: 'run'}) to whoever listens. */
export const CHANNEL = 'winnow_generation';

export type Signal = { type: 'jobs'; endpointId: number } | { type: 'run'; runId: number };

export async function notifyWorkers(signal: Signal, client: pg.ClientBase | pg.Pool = pgPool()) {
  await client.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(signal)]);
}

/** Listens until the returned stop() is called; reconnects after errors. */
export function listenForSignals(onSignal: (s: Signal) => void): () => Promise<void> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;

  const connect = async () => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL, application_name: 'winnow-listen' });
    c.on('notification', (msg) => {
      try {
        if (msg.payload) onSignal(JSON.parse(msg.payload) as Signal);
      } catch {
        /* not ours */
      }
    });
    c.on('error', () => {
      if (client === c) client = null;
      c.end().catch(() => {});
      if (!stopped) retry = setTimeout(connect, 2000);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANNEL}`);
      if (stopped) await c.end();
      else client = c;
    } catch {
      c.end().catch(() => {});
      if (!stopped) retry = setTimeout(connect, 2000);
    }
  };
  void connect();

  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    const c = client;
    client = null;
    await c?.end().catch(() => {});
  };
}
