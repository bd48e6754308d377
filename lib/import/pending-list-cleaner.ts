// Merges the prompt search index's pending list into the index while an import runs, from a second
// connection (so on the other core).
//
// Why: the trigram GIN index (prompts_search_text_trgm_idx) takes new entries into a pending list
// first. The import raises gin_pending_list_limit so that its own backend (the import's bottleneck)
// never stops to merge that list (open-import-target.ts). Left alone, the list would hold every entry
// of the import after commit (~300 MB for 125k prompts) until autovacuum merges it, which a large
// table may not do for a long time: meanwhile every search scans the whole list (measured: 100 ms
// instead of 3 ms with 25k prompts pending). gin_clean_pending_list() run by another backend does the
// merge in parallel; the importing backend keeps appending at the tail and reuses the pages the merge
// frees instead of extending the index file (perf, 200k-candidate import: the importing backend's GIN
// work fell ~8 %, GinNewBuffer from 4.8 to 1.5 % of its samples; the merge itself cost the other
// backend ~0.6 s of CPU).
//
// The merge is not transactional (like VACUUM's): entries of a transaction that later rolls back go
// into the index as they would from its pending list, and VACUUM removes them. A failure here (e.g. a
// role that does not own the index) only turns the cleaner off.
//
// One merge runs at a time per index (PostgreSQL serialises them; ours wait at most 2 s for another,
// e.g. autovacuum's or a concurrent import's, and then skip a round).
import type pg from 'pg';

export const SEARCH_INDEX = 'prompts_search_text_trgm_idx';
const LOCK_NOT_AVAILABLE = '55P03';

type Queryable = Pick<pg.Pool, 'query'>;

export class PendingListCleaner {
  private running: Promise<void> | null = null;
  private again = false;
  private off = false;
  /** Merges run (for tests and figures). */
  runs = 0;

  constructor(
    private readonly db: Queryable,
    private readonly index = SEARCH_INDEX,
  ) {}

  /** New entries were added: merge them soon. At most one merge runs; requests meanwhile coalesce into one more. */
  request() {
    if (this.off) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => (this.running = null));
  }

  /** Wait until every requested merge has run. */
  async drain() {
    while (this.running) await this.running;
  }

  /** No more merges (the import failed); wait for the one running. */
  async stop() {
    this.off = true;
    this.again = false;
    await this.drain();
  }

  private async loop() {
    do {
      this.again = false;
      try {
        // A merge waits for one already running (e.g. autovacuum's); an import must not wait long for that.
        await this.db.query(`SELECT set_config('lock_timeout', '2s', true), gin_clean_pending_list($1::regclass)`, [this.index]);
        this.runs++;
      } catch (e) {
        // Another merge held the list past the timeout: it merges our entries too (a merge takes the
        // whole list); the next request tries again. Anything else (e.g. not the index's owner): off.
        if ((e as { code?: string }).code === LOCK_NOT_AVAILABLE) continue;
        this.off = true;
        return;
      }
    } while (this.again && !this.off);
  }
}
