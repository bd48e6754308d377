import 'server-only';
// The start of an import transaction: find or create the dataset, lock it, and set the session up
// for a bulk load. Everything here is inside the caller's transaction, so a failed import of a new
// dataset leaves no dataset behind.
import type pg from 'pg';
import { clearSummaries } from './import-summaries';

export type ImportTarget = {
  datasetId: number;
  datasetName: string;
  createdDataset: boolean;
  /** The dataset already had prompts: new ids must be checked against them. */
  hadPrompts: boolean;
  promptSeq: string;
  candidateSeq: string;
  /** Per-row foreign-key triggers are off for this transaction (see enableBulkLoad). */
  fkTriggersOff: boolean;
  /**
   * The Insight summaries' triggers skip this transaction's writes (the dataset was empty): the
   * import writes the dataset's summaries itself (import-summaries.ts, through the BulkWriter).
   */
  insightDeferred: boolean;
};

/** First key of pg_advisory_xact_lock(int, int) meaning "an import is writing into dataset <id>". */
const IMPORT_LOCK_SPACE = 0x57494e01;

export async function openImportTarget(client: pg.PoolClient, datasetName: string, description = ''): Promise<ImportTarget> {
  const inserted = await client.query<{ id: number }>(
    `INSERT INTO datasets (name, description, updated_at) VALUES ($1, $2, now())
     ON CONFLICT (name) DO NOTHING RETURNING id`,
    [datasetName, description],
  );
  const createdDataset = inserted.rows.length > 0;
  // KEY SHARE: the dataset cannot be deleted under us (a DELETE waits for our commit, then cascades).
  const datasetId = createdDataset
    ? inserted.rows[0].id
    : (await client.query<{ id: number }>('SELECT id FROM datasets WHERE name = $1 FOR KEY SHARE', [datasetName])).rows[0].id;
  // Imports into one dataset run one at a time, so the duplicate-id check sees every committed prompt.
  await lockImportTarget(client, datasetId);
  const { rows } = await client.query<{ had: boolean; p: string; c: string }>(
    `SELECT EXISTS (SELECT 1 FROM prompts WHERE dataset_id = $1) AS had,
            pg_get_serial_sequence('prompts', 'id') AS p, pg_get_serial_sequence('candidates', 'id') AS c`,
    [datasetId],
  );
  const fkTriggersOff = await enableBulkLoad(client);
  // Summary triggers fire once per COPY batch and, measured at 200 k candidates, added half again to
  // the server's work; a rebuild from the new rows before commit still took ~19% of the server's CPU
  // (perf profile), while the import writing the summaries it knows (import-summaries.ts) costs next
  // to nothing. Only for an empty dataset: nothing else writes its rows until this transaction
  // commits (imports into a dataset run one at a time, and a dataset without prompts has nothing to
  // generate or judge).
  const insightDeferred = !rows[0].had;
  if (insightDeferred) {
    await client.query(`SET LOCAL winnow.insight_deferred = 'on'`);
    await clearSummaries(client, datasetId);
  }
  return { datasetId, datasetName, createdDataset, hadPrompts: rows[0].had, promptSeq: rows[0].p, candidateSeq: rows[0].c, fkTriggersOff, insightDeferred };
}

/** The lock an import holds on its dataset until its transaction ends (waits for another import's to end). */
export async function lockImportTarget(client: pg.ClientBase, datasetId: number) {
  await client.query('SELECT pg_advisory_xact_lock($1, $2)', [IMPORT_LOCK_SPACE, datasetId]);
}

/** Before commit, once every row is written: later writes of this transaction (none today) reach the summary triggers again. */
export async function finishImportTarget(client: pg.PoolClient, target: ImportTarget) {
  if (!target.insightDeferred) return;
  await client.query(`SET LOCAL winnow.insight_deferred = 'off'`);
}

/**
 * Bulk-load settings for this transaction only (SET LOCAL).
 *
 * Foreign-key checks are per-row triggers: measured here, three of them on `candidates` cost ~33 µs a
 * row, twice the insert itself, which caps an import near 20k rows/s. The import satisfies every
 * reference by construction (the dataset row is locked, the run, prompts and candidates are ids it
 * reserved and inserted earlier in the same transaction, evaluators are locked), so it turns the
 * triggers off with session_replication_role = replica, the setting pg_restore uses. That needs
 * superuser (the embedded database) or `GRANT SET ON PARAMETER session_replication_role`; without
 * it the checks stay on and the import is slower but the same. NOTE: this skips every trigger on
 * the tables the import writes except those marked ENABLE ALWAYS (the insight summaries' statement
 * triggers on candidates and scores are, and they fire once per COPY batch): a trigger added to
 * prompts/candidates/scores must be revisited here.
 *
 * The prompts' search rows (with their trigram index, the costliest index to write) come from another
 * connection when these triggers are off (search-rows.ts); otherwise the prompts trigger writes them.
 *
 * synchronous_commit = off: the commit returns before its WAL reaches the disk (a crash in that
 * split second loses the whole import, never part of it: the transaction is atomic either way).
 *
 * work_mem: each COPY into candidates keeps its rows for the summaries' statement triggers (their
 * transition table, ~16 MB a batch); past the default 4 MB it spills them to a temporary file. 64 MB
 * keeps a batch in memory (freed at the end of each COPY); measured at 200 k candidates, ~8% less
 * server CPU (three pairs of runs on a busy machine). Otherwise only the summary triggers of an import
 * into a dataset with prompts sort or hash (their GROUP BYs), one batch at a time.
 */
async function enableBulkLoad(client: pg.PoolClient): Promise<boolean> {
  await client.query(`SET LOCAL synchronous_commit = off; SET LOCAL work_mem = '64MB'`);
  if (process.env.WINNOW_IMPORT_FK_CHECKS === '1') return false;
  await client.query('SAVEPOINT winnow_bulk_load');
  try {
    await client.query(`SET LOCAL session_replication_role = replica`);
    await client.query('RELEASE SAVEPOINT winnow_bulk_load');
    return true;
  } catch {
    await client.query('ROLLBACK TO SAVEPOINT winnow_bulk_load');
    return false;
  }
}
