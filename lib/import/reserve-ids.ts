import 'server-only';
// Ids drawn from a table's sequence ahead of the COPY that uses them, so a candidate row can name its
// prompt and a score row its candidate without a round trip per row. Drawn on a separate connection
// (sequences are not transactional: the ids are ours for good, a rollback leaves only a gap) so the
// request never queues behind a COPY in flight. Blocks grow from small to large, keeping the gap a
// small import leaves small. The server sends runs [first, last] rather than every id: a block is
// almost always one run, and parsing 100k-element arrays cost ~2 µs an id.
import type pg from 'pg';

type Run = { next: number; last: number };

export class IdReserve {
  private runs: Run[] = [];
  private count = 0;
  private block: number;
  private pending: Promise<Run[]> | null = null;

  constructor(
    private readonly db: pg.Pool,
    private readonly sequence: string,
    first: number,
    private readonly max: number,
  ) {
    this.block = first;
  }

  /** The next id; call ensure() first. */
  take(): number {
    const run = this.runs[0];
    const id = run.next++;
    if (run.next > run.last) this.runs.shift();
    this.count--;
    return id;
  }

  /** Make sure `n` ids can be taken synchronously; starts fetching the next block early. */
  async ensure(n: number) {
    while (this.count < n) {
      const runs = await (this.pending ?? this.fetch(Math.max(this.block, n - this.count)));
      this.pending = null;
      for (const r of runs) {
        this.runs.push(r);
        this.count += r.last - r.next + 1;
      }
    }
    if (!this.pending && this.count - n < this.block / 2) this.pending = this.fetch(this.block);
  }

  private fetch(count: number): Promise<Run[]> {
    this.block = Math.min(this.block * 2, this.max);
    const request = this.db
      .query<{ first: string; last: string }>(
        `SELECT min(id) AS first, max(id) AS last
         FROM (SELECT id, id - row_number() OVER (ORDER BY id) AS run
               FROM (SELECT nextval($1::regclass) AS id FROM generate_series(1, $2)) drawn) numbered
         GROUP BY run ORDER BY 1`,
        [this.sequence, count],
      )
      .then((r) => r.rows.map((row) => ({ next: Number(row.first), last: Number(row.last) })));
    request.catch(() => {}); // a prefetch nobody waits for must not become an unhandled rejection
    return request;
  }
}
