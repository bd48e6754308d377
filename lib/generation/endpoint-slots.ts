import 'server-only';
import type pg from 'pg';
import { onAbort } from './on-abort';
import { leaseFreeSlotsSql } from './lease-sql';

/** How long a reserved slot waits for its request before going back (a chunk's reads take ms). */
const IDLE_RESERVED_MS = 500;
/** leasedAt of an adopted slot whose lease is not committed yet: never overdue, never judged lost. */
const UNCONFIRMED = Number.POSITIVE_INFINITY;

/**
 * An endpoint's max concurrency, shared by every worker process: slot rows 0..max-1 in
 * `endpoint_leases`; a request holds one. A worker leases slots with one atomic statement
 * (FOR UPDATE SKIP LOCKED) and hands a finished request's slot straight to its next waiting request,
 * so a busy worker costs the database nothing per request. Leases carry an expiry renewed by the
 * worker's heartbeat: a killed worker's slots come back after `leaseMs` at the latest (at once when
 * its stale heartbeat is noticed). Fairness: while other workers are alive (`setContended`), a
 * slot held longer than `turnMs` goes back to the table on release, so a worker that started first
 * cannot keep every slot forever; a worker alone keeps its slots (nobody to make room for).
 */
export class EndpointSlots {
  private max: number;
  private readonly owned = new Map<number, number>(); // slot → leased at (ms)
  private readonly free: number[] = [];
  private waiters: Array<{ grant: (slot: number) => void; fail: (e: unknown) => void }> = [];
  private refilling = false;
  private ensuredMax = 0;
  private toRelease: number[] = [];
  private releaseTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private wakeRefill: (() => void) | null = null;
  /** Requests announced by reserve() that are not waiting yet (see reserve). */
  private wanted = 0;
  /** Other workers are alive: take fairness turns (see setContended). */
  private contended = true;

  constructor(
    private readonly pool: pg.Pool,
    private readonly endpointId: number,
    private readonly workerId: string,
    maxConcurrency: number,
    private readonly opts: { localCap: number; leaseMs?: number; pollMs?: number; turnMs?: number },
  ) {
    this.max = maxConcurrency;
  }

  get held() {
    return this.owned.size;
  }

  get inUse() {
    return this.owned.size - this.free.length;
  }

  get waiting() {
    return this.waiters.length;
  }

  setMax(max: number) {
    this.max = max;
  }

  /** Whether other workers are alive (the heartbeat knows): only then are slots given back for turns. */
  setContended(contended: boolean) {
    this.contended = contended;
  }

  /** How many more slots this worker may lease now (local cap, endpoint max), at most `want`. */
  roomFor(want: number): number {
    return Math.max(0, Math.min(want, this.opts.localCap - this.owned.size, this.max - this.owned.size));
  }

  /** What a lease statement run elsewhere needs: the endpoint's max, whether its slot rows may be missing, the lease time. */
  leaseTerms() {
    return { max: this.max, rowsMissing: this.ensuredMax < this.max, leaseMs: this.opts.leaseMs ?? 30_000 };
  }

  /**
   * Slots leased for this worker by a statement run elsewhere (the transaction creating a run, see
   * lib/jobs/claim-first-jobs.ts): they become ours, free for the requests about to come (back to
   * the table like reserved ones if none comes). `rowsEnsured`: that statement created the slot
   * rows up to `max`. Unconfirmed (the transaction has not committed yet), the heartbeat cannot
   * see their leases, so keepOnly() must not judge them, nor the rows be counted on, until
   * confirmAdopted().
   */
  adopt(slots: number[], rowsEnsured: { max: number } | null, opts: { confirmed: boolean } = { confirmed: true }) {
    if (rowsEnsured && opts.confirmed) this.ensuredMax = Math.max(this.ensuredMax, rowsEnsured.max);
    const leasedAt = opts.confirmed ? Date.now() : UNCONFIRMED;
    for (const s of slots) {
      if (this.owned.has(s)) continue; // ours already (its lease had lapsed and was taken again)
      if (this.closed || this.owned.size >= this.opts.localCap || s >= this.max) {
        this.toRelease.push(s);
        this.releaseTimer ??= setTimeout(() => void this.flushReleases(), 5);
        continue;
      }
      this.owned.set(s, leasedAt);
      this.park(s, IDLE_RESERVED_MS);
    }
  }

  /** The adopted slots' leases (and slot rows) are committed: judge them like any other from now on. */
  confirmAdopted(slots: number[], rowsEnsured: { max: number } | null) {
    if (rowsEnsured) this.ensuredMax = Math.max(this.ensuredMax, rowsEnsured.max);
    const now = Date.now();
    for (const s of slots) if (this.owned.get(s) === UNCONFIRMED) this.owned.set(s, now);
  }

  /** The adopted slots' leases never existed (their transaction rolled back): drop them, nothing to give back. */
  forget(slots: number[]) {
    for (const s of slots) {
      if (this.owned.get(s) !== UNCONFIRMED) continue;
      this.owned.delete(s);
      const i = this.free.indexOf(s);
      if (i >= 0) this.free.splice(i, 1);
    }
  }

  acquire(signal?: AbortSignal): Promise<number> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const slot = this.takeFree();
    if (slot !== undefined) return Promise.resolve(slot);
    return new Promise<number>((resolve, reject) => {
      const waiter = {
        grant: (s: number) => {
          unwatch();
          resolve(s);
        },
        fail: (e: unknown) => {
          unwatch();
          reject(e);
        },
      };
      const unwatch = signal
        ? onAbort(signal, () => {
            this.waiters = this.waiters.filter((w) => w !== waiter);
            reject(signal.reason);
          })
        : () => {};
      this.waiters.push(waiter);
      void this.refill();
    });
  }

  /**
   * Leases up to `requests` slots ahead of the requests that will need them (a job was just claimed
   * and its prompts are being read), in one statement run beside that read, so the first requests
   * find their slots already held. Slots nobody takes go back like idle ones (after IDLE_RESERVED_MS).
   */
  reserve(requests: number) {
    if (this.closed || requests <= 0) return;
    this.wanted = Math.max(this.wanted, requests);
    void this.refill();
  }

  release(slot: number) {
    this.park(slot, 100);
  }

  /** A slot of ours with no request on it: to the next waiter, else kept free for `idleMs`. */
  private park(slot: number, idleMs: number) {
    if (!this.owned.has(slot)) return; // lost (lease expired and renewal failed): nothing to give back
    const leasedAt = this.owned.get(slot)!;
    const overdue = this.contended && Date.now() - leasedAt > (this.opts.turnMs ?? 3000);
    if (slot >= this.max || this.closed || overdue) return this.giveBack(slot, overdue);
    const next = this.waiters.shift();
    if (next) return next.grant(slot);
    this.free.push(slot);
    // Idle slots go back soon (other workers may need them) but not at once (the next request of
    // this worker is usually milliseconds away).
    setTimeout(() => {
      const i = this.free.indexOf(slot);
      if (i >= 0 && this.waiters.length === 0) {
        this.free.splice(i, 1);
        this.giveBack(slot);
      }
    }, idleMs).unref();
  }

  private takeFree(): number | undefined {
    while (this.free.length) {
      const s = this.free.pop()!;
      if (s < this.max) return s;
      this.giveBack(s);
    }
    return undefined;
  }

  /** `now`: release at once and then compete for a slot again (the fairness turn), else batched. */
  private giveBack(slot: number, now = false) {
    this.owned.delete(slot);
    this.toRelease.push(slot);
    if (now) {
      void this.flushReleases().then(() => {
        this.wakeRefill?.();
        return this.refill();
      });
      return;
    }
    this.releaseTimer ??= setTimeout(() => void this.flushReleases(), 5);
    if (this.waiters.length) void this.refill();
  }

  private async flushReleases() {
    if (this.releaseTimer) clearTimeout(this.releaseTimer);
    this.releaseTimer = null;
    const slots = this.toRelease.splice(0);
    if (!slots.length) return;
    await releaseLeases(this.pool, this.endpointId, slots, this.workerId).catch(() => {}); // the lease expires on its own
    this.wakeRefill?.();
  }

  private async refill() {
    if (this.refilling || this.closed) return;
    this.refilling = true;
    // Another worker holds every free slot: look again soon, then less often (up to 250 ms), so
    // idle contenders do not hammer the table.
    let pollMs = this.opts.pollMs ?? 25;
    try {
      while ((this.waiters.length || this.wanted > 0) && !this.closed) {
        // Reserved slots are asked for once, together with those of the requests already waiting.
        const want = Math.max(this.waiters.length, this.wanted - this.free.length);
        const reserving = this.wanted > 0;
        this.wanted = 0;
        const room = this.roomFor(want);
        let got: number[] = [];
        if (room > 0) {
          if (this.ensuredMax < this.max) {
            await this.pool.query(
              'INSERT INTO endpoint_leases (endpoint_id, slot) SELECT $1, g FROM generate_series(0, $2 - 1) g ON CONFLICT DO NOTHING',
              [this.endpointId, this.max],
            );
            this.ensuredMax = this.max;
          }
          const { rows } = await this.pool.query<{ slot: number }>(
            leaseFreeSlotsSql({ endpoint: '$1', max: '$2', worker: '$3', limit: '$4', leaseMs: '$5' }),
            [this.endpointId, this.max, this.workerId, room, this.opts.leaseMs ?? 30_000],
          );
          got = rows.map((r) => r.slot);
        }
        const now = Date.now();
        for (const s of got) {
          this.owned.set(s, now);
          const w = this.waiters.shift();
          if (w) w.grant(s);
          else this.park(s, reserving ? IDLE_RESERVED_MS : 100);
        }
        if (got.length) pollMs = this.opts.pollMs ?? 25;
        if (this.waiters.length && got.length < room) {
          await this.pause(pollMs * (0.5 + Math.random()));
          pollMs = Math.min(250, pollMs * 2);
        } else if (this.waiters.length && room <= 0) await this.pause(this.opts.pollMs ?? 25);
      }
    } catch (e) {
      for (const w of this.waiters.splice(0)) w.fail(e);
    } finally {
      this.refilling = false;
    }
  }

  /** Sleeps until `ms` pass or a slot of ours is given back (then there is room to lease again). */
  private pause(ms: number) {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(t);
        if (this.wakeRefill === done) this.wakeRefill = null;
        resolve();
      };
      const t = setTimeout(done, ms);
      this.wakeRefill = done;
    });
  }

  /**
   * Called by the heartbeat with the slots its renewal found still ours: the others were lost (our
   * lease expired and someone took the slot), so forget them. Slots leased after the renewal began
   * are not judged (the renewal could not see them).
   */
  keepOnly(renewed: Set<number>, renewalStartedAt: number) {
    for (const [s, leasedAt] of [...this.owned.entries()]) {
      if (renewed.has(s) || leasedAt >= renewalStartedAt) continue;
      this.owned.delete(s);
      const i = this.free.indexOf(s);
      if (i >= 0) this.free.splice(i, 1);
    }
  }

  async close() {
    this.closed = true;
    for (const w of this.waiters.splice(0)) w.fail(new Error('worker stopping'));
    for (const s of [...this.owned.keys()]) this.toRelease.push(s);
    this.owned.clear();
    this.free.length = 0;
    if (this.releaseTimer) clearTimeout(this.releaseTimer);
    await this.flushReleases();
  }
}

/**
 * Gives a worker's leases on these slots back to the table. Rows are locked in slot order, as the
 * heartbeat's renewal locks them (lib/jobs/heartbeat.ts): two statements of one worker over its own
 * leases must not deadlock.
 */
export async function releaseLeases(pool: pg.Pool, endpointId: number, slots: number[], workerId: string) {
  await pool.query(
    `UPDATE endpoint_leases l SET worker_id = NULL, expires_at = NULL
     FROM (SELECT slot FROM endpoint_leases WHERE endpoint_id = $1 AND slot = ANY($2::int[]) AND worker_id = $3 ORDER BY slot FOR UPDATE) o
     WHERE l.endpoint_id = $1 AND l.slot = o.slot AND l.worker_id = $3`,
    [endpointId, slots, workerId],
  );
}
