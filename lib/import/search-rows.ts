import 'server-only';
// The import's prompt_search rows (the search text and its trigram index, migration
// prompt_search_table), written by a connection of their own while the import's transaction writes
// everything else.
//
// Why: the importing backend is the import's bottleneck (busy the whole time), and extracting each
// new prompt's trigrams into the search index was ~40 % of its work. This connection is another
// backend, so that work runs on the other core, beside the parsing.
//
// The price is a second transaction. The import commits it just before its own (commit()), so by
// the time the prompts are visible their search rows are too. Search joins prompts, so the rows are
// never found before that, nor ever if the import's commit then fails; removeCommitted() deletes
// them in that case (there is no foreign key to prompts for them to violate).
//
// Only when the import runs with session_replication_role = replica (target.fkTriggersOff): that
// also keeps the prompts trigger that copies search_text for every other writer from firing.
// Otherwise that trigger writes the rows within the import's own transaction.
//
// Its own client, not one from the pool: an import holding two pool connections for its whole run
// (and drawing ids from the pool besides) would let a few concurrent imports exhaust it.
import pg from 'pg';
import { withTransaction } from '../db/with-transaction';
import { BinaryCopyBuffer } from './binary-copy';
import { SEARCH_COLUMNS, addSearchRow } from './copy-rows';
import { lockImportTarget } from './open-import-target';
import { sendCopy } from './send-copy';
import type { NormalizedRecord } from './types';

const COPY_SQL = `COPY prompt_search ${SEARCH_COLUMNS} FROM STDIN (FORMAT binary)`;

export class SearchRows {
  private client: pg.Client | null = null;
  /** The last COPY started; it rejects if that COPY failed. */
  private sent: Promise<void> = Promise.resolve();
  private rows = new BinaryCopyBuffer();
  private committed = false;
  private firstId = Infinity;
  private lastId = -Infinity;

  constructor(
    private readonly connectionString: string | undefined,
    private readonly datasetId: number,
  ) {}

  add(promptId: number, r: NormalizedRecord) {
    addSearchRow(this.rows, promptId, this.datasetId, r);
    if (promptId < this.firstId) this.firstId = promptId;
    if (promptId > this.lastId) this.lastId = promptId;
  }

  /** Forget the rows added since the last send (their batch is not written). */
  clear() {
    this.rows.clear();
  }

  /**
   * Wait for the previous COPY, then start one with the rows added since the last send, not waiting
   * for it: at most one batch is held in flight, however far behind this connection falls.
   */
  async send() {
    const data = this.rows.take();
    if (!data.length) return;
    await this.sent;
    const client = this.client ?? (await this.open());
    this.sent = sendCopy(client, COPY_SQL, data).then(() => this.rows.recycle(data));
    // Seen by the next send, commit() or rollback(); until then it must not count as unhandled.
    this.sent.catch(() => undefined);
  }

  /** Wait for the last COPY and commit: called once every prompt is written, right before the import commits. */
  async commit() {
    await this.sent;
    const client = this.client;
    if (!client) return;
    this.client = null;
    try {
      // A transaction that failed unnoticed would answer COMMIT with ROLLBACK.
      const { command } = await client.query('COMMIT');
      if (command !== 'COMMIT') throw new Error(`the prompt search rows were not committed (${command})`);
      this.committed = true;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** The import failed before commit(): roll back what was sent. */
  async rollback() {
    await this.sent.catch(() => undefined);
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined); // the server rolls back a closed connection's transaction
  }

  /**
   * The import failed after commit(), and its transaction has ended (rolled back, or lost with its
   * connection): delete the committed rows whose prompt does not exist. Under the import's lock on
   * the dataset, which its transaction holds until it has really ended, so a commit whose answer was
   * lost is not mistaken for a failed one. If this fails too, the rows stay: never found, a few bytes each.
   */
  async removeCommitted(pool: pg.Pool) {
    if (!this.committed) return;
    this.committed = false;
    await withTransaction(async (client) => {
      await client.query(`SET LOCAL lock_timeout = '10s'`);
      await lockImportTarget(client, this.datasetId);
      await client.query(
        `DELETE FROM prompt_search s WHERE s.dataset_id = $1 AND s.prompt_id BETWEEN $2 AND $3
           AND NOT EXISTS (SELECT 1 FROM prompts p WHERE p.id = s.prompt_id)`,
        [this.datasetId, this.firstId, this.lastId],
      );
    }, pool).catch(() => undefined);
  }

  private async open() {
    const client = new pg.Client({ connectionString: this.connectionString });
    // Reported by the query in progress too; without a listener it would also be an unhandled 'error' event.
    client.on('error', () => undefined);
    await client.connect();
    this.client = client;
    await client.query(`BEGIN; SET LOCAL synchronous_commit = off`);
    return client;
  }
}
