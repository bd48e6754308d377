import 'server-only';
import { setMaxListeners } from 'node:events';
import type pg from 'pg';
import type { RunInfo } from '../generation/process-chunk';
import { readRunParams } from '../generation/schemas';
import { singleFlight } from './single-flight';

/** Why a run's requests were aborted: the worker is stopping, or the run was cancelled/re-keyed. */
export class StopSignal extends Error {
  constructor(readonly why: 'stopping' | 'changed') {
    super(why === 'stopping' ? 'worker stopping' : 'run cancelled or restarted');
  }
}

interface RunEntry {
  info: RunInfo;
  fetchedAt: number;
  controllers: Map<string, AbortController>;
}

/**
 * The runs a worker is working on: their settings (cached for a second) and one AbortSignal per
 * (run, job key). When a run is cancelled, resumed or retried its key or status changes, and every
 * request under the old key is aborted — noticed at once on NOTIFY, else within a second.
 */
export class RunRegistry {
  private runs = new Map<number, RunEntry>();
  private loads = new Map<number, Promise<RunInfo | null>>();
  private stopping = false;

  constructor(private readonly pool: pg.Pool) {}

  async get(runId: number): Promise<RunInfo | null> {
    const cached = this.runs.get(runId);
    if (cached && Date.now() - cached.fetchedAt < 1000) return cached.info;
    // Chunks claimed together share one read (they start together, and each read delays them).
    return singleFlight(this.loads, runId, () => this.load(runId));
  }

  private async load(runId: number): Promise<RunInfo | null> {
    const { rows } = await this.pool.query(
      'SELECT id, dataset_id, endpoint_id, status, job_key, params FROM generation_runs WHERE id = $1',
      [runId],
    );
    const r = rows[0];
    if (!r) return null;
    const info: RunInfo = { id: r.id, datasetId: r.dataset_id, endpointId: r.endpoint_id, status: r.status, jobKey: r.job_key, params: readRunParams(r.params) };
    const entry = this.runs.get(runId) ?? { info, fetchedAt: 0, controllers: new Map() };
    entry.info = info;
    entry.fetchedAt = Date.now();
    this.runs.set(runId, entry);
    this.abortStale(entry);
    return info;
  }

  /** A run read elsewhere just now (by the transaction that created it): cached as if loaded. */
  seed(info: RunInfo) {
    const entry = this.runs.get(info.id) ?? { info, fetchedAt: 0, controllers: new Map() };
    entry.info = info;
    entry.fetchedAt = Date.now();
    this.runs.set(info.id, entry);
    this.abortStale(entry);
  }

  /** The run does not exist after all (its creating transaction rolled back): abort its requests, forget it. */
  abandon(runId: number) {
    const entry = this.runs.get(runId);
    if (!entry) return;
    for (const c of entry.controllers.values()) c.abort(new StopSignal('changed'));
    this.runs.delete(runId);
  }

  /** n of a run seen recently (for estimates), if known. */
  cachedN(runId: number): number | undefined {
    return this.runs.get(runId)?.info.params.n;
  }

  signal(runId: number, key: string): AbortSignal {
    const entry = this.runs.get(runId);
    if (!entry) {
      const c = new AbortController();
      c.abort(new StopSignal('changed'));
      return c.signal;
    }
    let c = entry.controllers.get(key);
    if (!c) {
      c = new AbortController();
      // Every request of the run listens on this one signal (sleeps, slot waits, its own request signal).
      setMaxListeners(0, c.signal);
      entry.controllers.set(key, c);
      if (this.stopping) c.abort(new StopSignal('stopping'));
    }
    return c.signal;
  }

  private abortStale(entry: RunEntry) {
    const live = entry.info.status === 'queued' || entry.info.status === 'running';
    for (const [key, c] of entry.controllers) {
      if (live && key === entry.info.jobKey) continue;
      c.abort(new StopSignal('changed'));
      entry.controllers.delete(key);
    }
  }

  /** The run finished: drop it, or at least re-read it next time. */
  forget(runId: number) {
    const entry = this.runs.get(runId);
    if (entry && entry.controllers.size === 0) this.runs.delete(runId);
    else if (entry) entry.fetchedAt = 0;
  }

  /** Aborts every request (the worker is stopping). */
  stopAll() {
    this.stopping = true;
    for (const entry of this.runs.values()) for (const c of entry.controllers.values()) c.abort(new StopSignal('stopping'));
  }

  /** Re-reads status and key of the given runs (default: all) and aborts what they no longer allow. */
  async check(ids = [...this.runs.keys()]) {
    if (!ids.length) return;
    try {
      const { rows } = await this.pool.query<{ id: number; status: string; job_key: string }>(
        'SELECT id, status, job_key FROM generation_runs WHERE id = ANY($1::int[])',
        [ids],
      );
      const seen = new Set(rows.map((r) => r.id));
      for (const r of rows) {
        const entry = this.runs.get(r.id);
        if (!entry) continue;
        if (entry.info.status !== r.status || entry.info.jobKey !== r.job_key) {
          entry.info = { ...entry.info, status: r.status, jobKey: r.job_key };
          entry.fetchedAt = Date.now();
          this.abortStale(entry);
        }
        if (entry.controllers.size === 0 && r.status !== 'queued' && r.status !== 'running') this.runs.delete(r.id);
      }
      // Not there: deleted, or not committed yet (seeded by its creating transaction), in which case
      // its requests must stay abortable (abandon() does it if the transaction rolls back).
      for (const id of ids) if (!seen.has(id) && !this.runs.get(id)?.controllers.size) this.runs.delete(id);
    } catch {
      /* again in a second */
    }
  }
}
