import 'server-only';
// Writes validated records straight into prompts / candidates / scores with COPY, in batches, while
// the caller parses on: PostgreSQL (its own process) and JavaScript work at the same time, which is
// what lets a 1M-candidate import finish in seconds on two cores. For each record the rows are built
// at once (ids come from IdReserve), into byte buffers. When a batch is full:
//   1. if the dataset already had prompts, its ids are looked up there (second connection),
//   2. the previous batch's COPYs are awaited, 3. this batch's COPYs start, not awaited.
// At most one batch is in flight and one is being filled, so memory stays flat in file size. An
// import into an empty dataset also writes its Insight summaries (import-summaries.ts) along. The
// prompts' search rows go through a connection of their own, in a second transaction (search-rows.ts).
//
// An earlier version staged everything in a TEMP table and moved it with INSERT … SELECT at the end:
// simpler, but PostgreSQL then did all its work after parsing, one step after the other (and each
// row twice), and measured at about half the speed of this one on the same machine.
import type pg from 'pg';
import { importedNormalizer, type ScoreNormalizer } from '../evaluation/evaluators/imported';
import { BinaryCopyBuffer } from './binary-copy';
import { CopyBuffer } from './copy-buffer';
import { CANDIDATE_COLUMNS, PROMPT_COLUMNS, SCORE_COLUMNS, addCandidateRow, addPromptRow, scoreRow } from './copy-rows';
import { ImportSummaries } from './import-summaries';
import type { ImportTarget } from './open-import-target';
import { IdReserve } from './reserve-ids';
import { SearchRows } from './search-rows';
import { sendCopy } from './send-copy';
import type { NormalizedRecord } from './types';

export type ExistingId = { line: number; externalId: string; idGenerated: boolean };
type BatchId = ExistingId;

/**
 * A batch is sent once it holds this many bytes of row data or this many prompts. Each COPY is one
 * statement for the statement-level triggers on candidates (insight summaries), whose work per
 * statement is partly fixed: 16 MB batches cost the server ~12% less CPU than 4 MB ones (200k-row
 * bench import), for ~30 MB more peak memory (two batches: one being filled, one in flight).
 */
const BATCH_BYTES = 16 << 20;
/**
 * The first batch is small and each next one twice the size, up to BATCH_BYTES: PostgreSQL, the
 * bottleneck, has nothing to do until a batch arrives, and while it writes one batch JavaScript fills
 * the next. With 1 MB then straight to 16 MB, the server sat idle ~350 ms after the first batch
 * (200k-row bench import, COPY timestamps); JavaScript fills a batch in about half the time the
 * server takes to write it, so doubling keeps the server fed from the start. The first is 256 KB:
 * a 1 MB one took the still cold JavaScript 100–150 ms to fill.
 */
const FIRST_BATCH_BYTES = 256 << 10;
const BATCH_PROMPTS = 8_000;
/** An import of at least this many prompts analyses prompt_search after it commits (analyzeSearch). */
const ANALYZE_AFTER_PROMPTS = 5_000;

export class BulkWriter {
  private inflight: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  private runId: number | null = null;
  private readonly evaluatorIds = new Map<string, number>();
  /** Score name → how its raw number becomes the stored 0..1 value (the evaluator's config.normalize). */
  private readonly normalizers = new Map<string, ScoreNormalizer>();
  private readonly promptIds: IdReserve;
  private readonly candidateIds: IdReserve;
  /** The prompts' search rows, written by a transaction of their own (null: the prompts trigger writes them). */
  private readonly search: SearchRows | null;
  private promptRows = new BinaryCopyBuffer();
  private candidateRows = new BinaryCopyBuffer();
  private scoreRows = new CopyBuffer();
  /** The Insight summaries of an import into an empty dataset (target.insightDeferred), written along. */
  private readonly summaries: ImportSummaries | null;
  private batch: BatchId[] = [];
  /** Size at which the batch being filled is sent (grows from FIRST_BATCH_BYTES to BATCH_BYTES). */
  private batchLimit = FIRST_BATCH_BYTES;
  private sameModel = true;
  private modelSeen = false;
  /** Counts of rows written (COPY sent). */
  prompts = 0;
  candidates = 0;
  scores = 0;
  promptsWithCandidates = 0;
  /** The one model every candidate names; null when they differ or some name none. */
  model: string | null = null;

  constructor(
    private readonly client: pg.PoolClient,
    private readonly side: pg.Pool,
    private readonly target: ImportTarget,
    private readonly fileLabel: string,
    /** Called with records whose id the dataset already has; their batch is not written. */
    private readonly onExisting: (found: ExistingId[]) => void,
    private readonly startedAt = new Date(),
  ) {
    this.promptIds = new IdReserve(side, target.promptSeq, 256, 16_384);
    this.candidateIds = new IdReserve(side, target.candidateSeq, 2_048, 131_072);
    this.summaries = target.insightDeferred ? new ImportSummaries(target.datasetId) : null;
    this.search = target.fkTriggersOff ? new SearchRows(side.options.connectionString, target.datasetId) : null;
  }

  /** Queue a record for writing (write: false only checks its id against the dataset). */
  async add(line: number, r: NormalizedRecord, write: boolean) {
    this.throwIfFailed();
    if (this.target.hadPrompts) this.batch.push({ line, externalId: r.externalId, idGenerated: r.idGenerated });
    if (write) await this.addRows(r);
    if (this.promptRows.bytes + this.candidateRows.bytes >= this.batchLimit || this.batch.length >= BATCH_PROMPTS) await this.flush();
  }

  /** Send what is queued and wait for every COPY; completes the import run. New errors may be found (ids of the last batch). */
  async finish() {
    await this.flush();
    await this.inflight;
    this.throwIfFailed();
    if (this.runId !== null)
      await this.client.query(
        `UPDATE generation_runs SET status = 'completed', model = $2, total_prompts = $3, done_prompts = $3,
           candidate_count = $4, finished_at = now() WHERE id = $1`,
        [this.runId, this.sameModel ? this.model : null, this.promptsWithCandidates, this.candidates],
      );
    await this.summaries?.writeCells(this.client, this.runId);
  }

  /** The search rows' transaction commits: call right before the import's own commit. */
  async commitSearch() {
    await this.search?.commit();
  }

  /**
   * After the import's commit: a large import refreshes the search table's statistics. Until
   * autovacuum does (a minute or more later) the planner does not know that most prompts contain
   * "the": measured at 125 k prompts, that search took 1.1 s instead of 4 ms. ANALYZE costs ~0.1 s;
   * it is skipped if autovacuum holds the table, and a failure only leaves that to autovacuum.
   */
  async analyzeSearch() {
    if (this.prompts < ANALYZE_AFTER_PROMPTS) return;
    await this.client.query('ANALYZE (SKIP_LOCKED) prompt_search').catch(() => undefined);
  }

  /** The import has failed: check the ids still queued against the dataset, write nothing more. */
  async abandon() {
    this.dropRows();
    await this.flush();
    await this.settle();
  }

  /** Wait for a COPY in flight to end, however it ends, and roll the search rows back (before a rollback). */
  async settle() {
    await this.inflight;
    await this.search?.rollback();
  }

  /** After the import's transaction has ended without committing: delete search rows committed for it. */
  async removeCommittedSearchRows() {
    await this.search?.removeCommitted(this.side);
  }

  private async addRows(r: NormalizedRecord) {
    const n = r.candidates.length;
    if (n && this.runId === null) this.runId = await this.createRun();
    if (n) await this.addEvaluators(r);
    await this.promptIds.ensure(1);
    if (n) await this.candidateIds.ensure(n);

    const { datasetId } = this.target;
    const promptId = this.promptIds.take();
    addPromptRow(this.promptRows, promptId, datasetId, r);
    this.search?.add(promptId, r);
    this.prompts++;
    if (!n) return;
    this.promptsWithCandidates++;
    const summaries = this.summaries;
    summaries?.addPrompt(promptId, this.runId!, n);
    for (let k = 0; k < n; k++) {
      const c = r.candidates[k];
      const candidateId = this.candidateIds.take();
      addCandidateRow(this.candidateRows, candidateId, datasetId, promptId, this.runId!, k, c);
      this.noteModel(c.model);
      summaries?.addCandidate(c.model);
      if (c.scores)
        for (const name in c.scores) {
          const evaluatorId = this.evaluatorIds.get(name)!;
          const normalized = this.normalizers.get(name)!(c.scores[name]);
          this.scoreRows.add(scoreRow(candidateId, evaluatorId, c.scores[name], normalized));
          summaries?.addScore(evaluatorId, normalized.value, normalized.error);
          this.scores++;
        }
    }
    this.candidates += n;
  }

  private dropRows() {
    this.promptRows.clear();
    this.candidateRows.clear();
    this.scoreRows.clear();
    this.search?.clear();
    this.summaries?.dropRows();
  }

  private async flush() {
    const batch = this.batch;
    this.batch = [];
    if (batch.length) {
      const found = await this.findExisting(batch);
      if (found.length) {
        this.onExisting(found);
        this.dropRows();
      }
    }
    const prompts = this.promptRows.take();
    const candidates = this.candidateRows.take();
    const copies: [string, Buffer[]][] = [
      [`COPY prompts ${PROMPT_COLUMNS} FROM STDIN (FORMAT binary)`, prompts],
      [`COPY candidates ${CANDIDATE_COLUMNS} FROM STDIN (FORMAT binary)`, candidates],
      [`COPY scores ${SCORE_COLUMNS} FROM STDIN (FORMAT csv)`, this.scoreRows.take()],
      ...(this.summaries?.takeCopies() ?? []),
    ];
    await this.search?.send();
    if (!copies.some(([, data]) => data.length)) return;
    this.batchLimit = Math.min(this.batchLimit * 2, BATCH_BYTES);
    await this.inflight;
    this.throwIfFailed();
    this.inflight = this.copyAll(copies).then(
      () => {
        this.promptRows.recycle(prompts);
        this.candidateRows.recycle(candidates);
      },
      (e) => {
        this.failure ??= e;
      },
    );
  }

  /** Records of the batch whose id the dataset already has (it had prompts before this import). */
  private async findExisting(batch: BatchId[]): Promise<ExistingId[]> {
    const { rows } = await this.side.query<{ external_id: string }>(
      'SELECT external_id FROM prompts WHERE dataset_id = $1 AND external_id = ANY($2::text[])',
      [this.target.datasetId, batch.map((b) => b.externalId)],
    );
    if (!rows.length) return [];
    const found = new Set(rows.map((r) => r.external_id));
    return batch.filter((b) => found.has(b.externalId));
  }

  private async copyAll(copies: [sql: string, data: Buffer[]][]) {
    for (const [sql, data] of copies) if (data.length) await sendCopy(this.client, sql, data);
  }

  private throwIfFailed() {
    if (this.failure) throw this.failure;
  }

  private noteModel(model: string | null) {
    if (!this.modelSeen) {
      this.modelSeen = true;
      this.model = model;
    } else if (model !== this.model) this.sameModel = false;
  }

  private async createRun(): Promise<number> {
    const { rows } = await this.client.query<{ id: number }>(
      `INSERT INTO generation_runs (dataset_id, kind, params, status, started_at)
       VALUES ($1, 'import', $2, 'running', $3) RETURNING id`,
      [this.target.datasetId, JSON.stringify({ file: this.fileLabel }), this.startedAt],
    );
    return rows[0].id;
  }

  /** One evaluator per score name (kind 'imported', role 'score'), reused if the dataset has one by that name. */
  private async addEvaluators(r: NormalizedRecord) {
    let names: string[] | undefined;
    for (const c of r.candidates) if (c.scores) for (const name in c.scores) if (!this.evaluatorIds.has(name)) (names ??= []).push(name);
    if (!names) return;
    // Rare (once per new name), on the transaction's connection: it queues behind a COPY in flight.
    await this.client.query(
      `INSERT INTO evaluators (dataset_id, name, kind, role, updated_at)
       SELECT $1, name, 'imported', 'score', now() FROM unnest($2::text[]) AS name
       ON CONFLICT (dataset_id, name) DO NOTHING`,
      [this.target.datasetId, names],
    );
    // KEY SHARE, as a foreign-key check would take: the evaluator cannot be deleted before we commit.
    const { rows } = await this.client.query<{ id: number; name: string; kind: string; config: unknown }>(
      'SELECT id, name, kind, config FROM evaluators WHERE dataset_id = $1 AND name = ANY($2::text[]) FOR KEY SHARE',
      [this.target.datasetId, names],
    );
    for (const row of rows) {
      this.evaluatorIds.set(row.name, row.id);
      this.normalizers.set(row.name, importedNormalizer(row.kind, row.config));
    }
  }
}
