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
  private inFlight = 0;
  private rows = 0;
  private idle: Array<() => void> = [];

  constructor(
    private readonly opts: { maxRows?: number; delayMs?: number; maxInFlight?: number; onRunSettled?: (runId: number) => Promise<void> } = {},
  ) {}

  private entry(runId: number, datasetId: number): Pending {
    let p = this.pending.get(runId);
    if (!p) {
      p = { datasetId, outcomes: [], waiters: [], tally: new Map(), model: null, rows: 0 };
      this.pending.set(runId, p);
    }
    return p;
  }

  write(run: { id: number; datasetId: number }, outcome: PromptOutcome, model: string | null): Promise<void> {
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
    if (this.rows >= maxRows) this.kick();
    else this.timer ??= setTimeout(() => this.kick(), this.opts.delayMs ?? 15);
  }

  private kick() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // When all writers are busy the rest waits: flushOne() schedules again when it returns.
    while (this.inFlight < (this.opts.maxInFlight ?? 2) && this.pending.size) void this.flushOne();
  }

  private async flushOne() {
    const [runId, p] = this.pending.entries().next().value as [number, Pending];
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
      if (this.pending.size) this.schedule();
      if (this.pending.size === 0 && this.inFlight === 0) for (const f of this.idle.splice(0)) f();
    }
  }

  /** Writes everything buffered now and waits for it. */
  async flush(): Promise<void> {
    if (this.pending.size) this.kick();
    if (this.pending.size === 0 && this.inFlight === 0) return;
    await new Promise<void>((resolve) => this.idle.push(resolve));
  }
}
