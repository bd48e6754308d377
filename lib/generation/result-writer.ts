import 'server-only';
import { writeRunResults, type PromptOutcome, type TallyDelta } from './write-results';

interface Pending {
  datasetId: number;
  outcomes: PromptOutcome[];
  waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }>;
  tally: Map<string, TallyDelta>;
  model: string | null;
  rows: number;
}

/**
 * Groups the results of many concurrent requests into few multi-row writes: a write goes out when
 * `maxRows` candidates are waiting or `delayMs` after the first one, at most `maxInFlight` at a
 * time. write() resolves once its rows are committed, so a job is completed in the queue only after
 * its results are durable.
 */
export class ResultWriter {
  private pending = new Map<number, Pending>();
  private timer: NodeJS.Timeout | null = null;
  private timerDue = 0;
  private inFlight = 0;
  private rows = 0;
  private idle: Array<() => void> = [];
  /**
   * Runs whose rows cannot be written yet, their creating transaction being open (null), or ever,
   * it having rolled back (the error). Their results wait without taking a writer.
   */
  private holds = new Map<number, { error: unknown } | null>();

  constructor(
    private readonly opts: {
      maxRows?: number;
      /** How long a result may wait for company: a number, or asked at each result (0: write at once). */
      delayMs?: number | (() => number);
      maxInFlight?: number;
      onRunSettled?: (runId: number) => Promise<void>;
    } = {},
  ) {}

  private entry(runId: number, datasetId: number): Pending {
    let p = this.pending.get(runId);
    if (!p) {
      p = { datasetId, outcomes: [], waiters: [], tally: new Map(), model: null, rows: 0 };
      this.pending.set(runId, p);
    }
    return p;
  }

  /**
   * Holds the run's writes until `committed` resolves (its rows are then visible to our writes);
   * if it rejects, whatever is written for the run is dropped and its writers get the error.
   */
  holdUntil(runId: number, committed: Promise<void>) {
    this.holds.set(runId, null);
    committed.then(
      () => {
        this.holds.delete(runId);
        if (this.pending.has(runId)) this.schedule();
      },
      (error: unknown) => {
        this.holds.set(runId, { error }); // kept: that run does not exist, whatever comes for it is dropped
        const p = this.pending.get(runId);
        if (!p) return;
        this.pending.delete(runId);
        this.rows -= p.rows;
        for (const w of p.waiters) w.reject(error);
        this.settleIdle();
      },
    );
  }

  write(run: { id: number; datasetId: number }, outcome: PromptOutcome, model: string | null): Promise<void> {
    const rolledBack = this.holds.get(run.id);
    if (rolledBack) return Promise.reject(rolledBack.error);
    const p = this.entry(run.id, run.datasetId);
    p.outcomes.push(outcome);
    p.rows += outcome.candidates.length;
    p.model ??= model;
    this.rows += outcome.candidates.length;
    const done = new Promise<void>((resolve, reject) => p.waiters.push({ resolve, reject }));
    this.schedule();
    return done;
  }

  /** Counts a retried attempt (retry) or a sample failed for good (failure) in the run's error tally. */
  noteError(run: { id: number; datasetId: number }, kind: string, message: string | null, what: 'retry' | 'failure') {
    if (this.holds.get(run.id)) return; // rolled back
    const p = this.entry(run.id, run.datasetId);
    const t = p.tally.get(kind) ?? { kind, retries: 0, failures: 0, lastMessage: null };
    if (what === 'retry') t.retries++;
    else t.failures++;
    t.lastMessage = message ?? t.lastMessage;
    p.tally.set(kind, t);
    this.schedule();
  }

  private schedule() {
    const maxRows = this.opts.maxRows ?? 500;
    const d = this.opts.delayMs;
    const delay = typeof d === 'function' ? d() : (d ?? 15);
    if (this.rows >= maxRows || delay <= 0) return this.kick();
    // A shorter delay than the pending timer's (the run is ending) brings the write forward.
    if (this.timer && this.timerDue <= Date.now() + delay) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerDue = Date.now() + delay;
    this.timer = setTimeout(() => this.kick(), delay);
  }

  private kick() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // When all writers are busy the rest waits: flushOne() schedules again when it returns.
    while (this.inFlight < (this.opts.maxInFlight ?? 2)) {
      const runId = this.nextWritable();
      if (runId === undefined) break;
      void this.flushOne(runId);
    }
  }

  private nextWritable(): number | undefined {
    for (const runId of this.pending.keys()) if (!this.holds.has(runId)) return runId;
    return undefined;
  }

  private settleIdle() {
    if (this.pending.size === 0 && this.inFlight === 0) for (const f of this.idle.splice(0)) f();
  }

  private async flushOne(runId: number) {
    const p = this.pending.get(runId)!;
    this.pending.delete(runId);
    this.rows -= p.rows;
    this.inFlight++;
    try {
      const res = await writeRunResults({ runId, datasetId: p.datasetId, outcomes: p.outcomes, tally: [...p.tally.values()], model: p.model });
      if (res.runSettled && this.opts.onRunSettled) await this.opts.onRunSettled(runId).catch(() => {});
      for (const w of p.waiters) w.resolve();
    } catch (e) {
      for (const w of p.waiters) w.reject(e);
    } finally {
      this.inFlight--;
      if (this.nextWritable() !== undefined) this.schedule();
      this.settleIdle();
    }
  }

  /** Writes everything buffered now and waits for it. */
  async flush(): Promise<void> {
    if (this.nextWritable() !== undefined) this.kick();
    if (this.pending.size === 0 && this.inFlight === 0) return;
    await new Promise<void>((resolve) => this.idle.push(resolve));
  }
}
