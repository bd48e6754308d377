import 'server-only';
// The import's prompt_search rows (the search text and its trigram index, migration
// prompt_search_table), written by a connection of their own while the import's transaction writes
// everything else.
//
// Why: the importing backend is the import's bottleneck (busy the whole time), and extracting each
// new prompt's trigrams into the search index was ~40 % of its work. This connection is another
// backend, so that work runs on the other core, beside the parsing.
//
// The price is a second transaction. It commits just before the import's (finish), so by the time
// the prompts are visible their search rows are too. Search joins prompts, so the rows are never
// found before that, nor ever if the import's commit then fails: discard() deletes them in that case
// (there is no foreign key to prompts for them to violate). Both transactions run with
// session_replication_role = replica: this one writes rows for prompts it cannot see yet, and the
// triggers that copy prompts.search_text for every other writer stay off in both.
//
// Only when the import itself runs that way (target.fkTriggersOff, which needs superuser or the
// grant): otherwise those triggers write the rows within the import's own transaction.
import type pg from 'pg';
import { BinaryCopyBuffer } from './binary-copy';
import { SEARCH_COLUMNS, addSearchRow } from './copy-rows';
import { sendCopy } from './send-copy';
import type { NormalizedRecord } from './types';

const COPY_SQL = `COPY prompt_search ${SEARCH_COLUMNS} FROM STDIN (FORMAT binary)`;
/**
 * An import of at least this many prompts refreshes the table's statistics before it commits. Until
 * autovacuum does (a minute or more later), the planner would not know that most prompts contain
 * "the": measured at 125 k prompts, a search for it took 1.1 s instead of 4 ms. The ANALYZE costs
 * ~0.1 s and runs while the import's last batch is written.
 */
const ANALYZE_AFTER_ROWS = 5_000;

export class SearchRows {
  private client: pg.PoolClient | null = null;
  /** The last COPY started; it rejects if that COPY failed. */
  private sent: Promise<void> = Promise.resolve();
  private rows = new BinaryCopyBuffer();
  private committed = false;
  /** The connection failed (reported by the COPY or COMMIT in progress too): it is not reused. */
  private broken = false;
  /** Rows added since the last send, and rows sent. */
  private pendingRows = 0;
  private sentRows = 0;
  private firstId = Infinity;
  private lastId = -Infinity;

  constructor(
    private readonly pool: pg.Pool,
    private readonly datasetId: number,
  ) {}

  add(promptId: number, r: NormalizedRecord) {
    addSearchRow(this.rows, promptId, this.datasetId, r);
    this.pendingRows++;
    if (promptId < this.firstId) this.firstId = promptId;
    if (promptId > this.lastId) this.lastId = promptId;
  }

  /** Forget the rows added since the last send (their batch is not written). */
  clear() {
    this.pendingRows = 0;
    this.rows.clear();
  }

  /**
   * Start the COPY of the rows added since the last send, once the previous one has ended (so at
   * most one batch is held in flight, however far behind this connection falls); not awaited.
   */
  async send() {
    const data = this.rows.take();
    this.sentRows += this.pendingRows;
    this.pendingRows = 0;
    if (!data.length) return;
    await this.sent;
    this.sent = (async () => sendCopy(this.client ?? (await this.open()), COPY_SQL, data))();
    // Seen by the next send, commit() or discard(); until then it must not count as unhandled.
    this.sent.catch(() => undefined);
  }

  /** Every row is sent: a large import's ANALYZE starts after the last COPY (commit() waits for it). */
  end() {
    if (this.sentRows < ANALYZE_AFTER_ROWS) return;
    this.sent = this.sent.then(async () => void (await this.client!.query('ANALYZE prompt_search')));
    this.sent.catch(() => undefined);
  }

  /** Wait for every COPY and commit: called once every prompt is written, right before the import commits. */
  async commit() {
    await this.sent;
    if (!this.client) return;
    await this.client.query('COMMIT');
    this.committed = true;
    this.release();
  }

  /** The import failed: roll back, or delete the rows again if they were committed. */
  async discard() {
    await this.sent.catch(() => undefined);
    if (this.client) {
      const client = this.client;
      this.client = null;
      const rolledBack = await client.query('ROLLBACK').then(() => true, () => false);
      client.release(this.broken || !rolledBack);
    }
    if (!this.committed || this.firstId > this.lastId) return;
    this.committed = false;
    // If even this fails, the rows stay: never found (search joins prompts), a few bytes each.
    await this.pool
      .query(
        `DELETE FROM prompt_search s WHERE s.dataset_id = $1 AND s.prompt_id BETWEEN $2 AND $3
           AND NOT EXISTS (SELECT 1 FROM prompts p WHERE p.id = s.prompt_id)`,
        [this.datasetId, this.firstId, this.lastId],
      )
      .catch(() => undefined);
  }

  private async open() {
    const client = await this.pool.connect();
    // Without a listener a dropped connection would also be an unhandled 'error' event.
    client.on('error', () => (this.broken = true));
    this.client = client;
    await client.query(`BEGIN; SET LOCAL session_replication_role = replica; SET LOCAL synchronous_commit = off`);
    return client;
  }

  private release() {
    this.client?.release(this.broken);
    this.client = null;
  }
}
