import 'server-only';
import type PgBoss from 'pg-boss';
import { pgPool } from '../../db/pool';
import { completeJobs, dropClaims, ensureQueue, failJobs, fetchAndClaim, getBoss } from '../../jobs/boss';
import { listenForSignals } from '../../jobs/notify';
import { processJudgeJob } from './process-judge-job';
import { JUDGE_QUEUE, type JudgeJob } from './queue';
import { processRederiveJob, REDERIVE_QUEUE, type RederiveJob } from './rederive-job';
import { Waker } from '../../jobs/waker';

export interface JudgeWorkerOptions {
  /**
   * The generation worker this one runs beside (lib/jobs/worker.ts): claims are recorded under its
   * id, so its heartbeat keeps them and a dead process's judge jobs are handed back by the same sweep.
   */
  workerId: string;
  /** Judge jobs at once in this process (each may run many candidates; code-tests share the sandbox pool). */
  concurrency?: number;
  log?: (line: string) => void;
}

/**
 * Fetches and processes judge jobs (queue `winnow-judge`) and whole-dataset re-derivations (queue
 * `winnow-rederive`, at most 2 at once here so they never crowd judging out) until stopped.
 */
export class JudgeWorker {
  private readonly pool = pgPool();
  private readonly concurrency: number;
  private readonly log: (l: string) => void;
  private running = false;
  private loopDone: Promise<void> | null = null;
  private readonly waker = new Waker();
  private jobs = new Map<string, Promise<void>>();
  private rederiving = 0;
  private abort = new AbortController();
  private stopListening: (() => Promise<void>) | null = null;

  constructor(private readonly opts: JudgeWorkerOptions) {
    this.concurrency = Math.max(1, opts.concurrency ?? Number(process.env.WINNOW_JUDGE_CONCURRENCY ?? 4));
    this.log = opts.log ?? (() => {});
  }

  async start() {
    await getBoss(); // pg-boss started (its schema created) before the first fetch
    await ensureQueue(JUDGE_QUEUE);
    await ensureQueue(REDERIVE_QUEUE);
    this.running = true;
    this.stopListening = listenForSignals((s) => {
      if (s.type === 'jobs') this.wake();
    });
    this.loopDone = this.loop();
  }

  async stop() {
    if (!this.running) return;
    this.running = false;
    this.abort.abort();
    this.wake();
    await this.loopDone;
    await Promise.allSettled([...this.jobs.values()]);
    await this.stopListening?.();
  }

  wake() {
    this.waker.wake();
  }

  private sleep(ms: number) {
    return this.waker.sleep(ms);
  }

  private async loop() {
    while (this.running) {
      let fetched = 0;
      try {
        if (this.rederiving < 2 && this.jobs.size < this.concurrency + 2) {
          const jobs = await fetchAndClaim<RederiveJob>(this.pool, REDERIVE_QUEUE, 1, this.opts.workerId);
          fetched += jobs.length;
          for (const job of jobs) this.trackRederive(job);
        }
        const room = this.concurrency - (this.jobs.size - this.rederiving);
        if (room > 0) {
          const jobs = await this.fetch(room);
          fetched += jobs.length;
          for (const job of jobs) this.track(job);
        }
      } catch (e) {
        this.log(`judge worker: ${(e as Error).message}`);
        await this.sleep(1000);
      }
      if (!this.running) break;
      await this.sleep(fetched ? 0 : this.jobs.size >= this.concurrency ? 200 : 1000);
    }
  }

  /** Fetch and claim in one transaction, like the generation worker (see GenerationWorker.fetch). */
  private fetch(batchSize: number): Promise<PgBoss.Job<JudgeJob>[]> {
    return fetchAndClaim<JudgeJob>(this.pool, JUDGE_QUEUE, batchSize, this.opts.workerId);
  }

  private track(job: PgBoss.Job<JudgeJob>) {
    const promise = (async () => {
      try {
        const outcome = await processJudgeJob(job.data, { signal: this.abort.signal });
        if (outcome.status === 'interrupted') await failJobs(JUDGE_QUEUE, [job.id], 'worker stopped');
        else await completeJobs(JUDGE_QUEUE, [job.id]);
      } catch (e) {
        this.log(`judge job ${job.id} failed: ${(e as Error).message}`);
        await failJobs(JUDGE_QUEUE, [job.id], (e as Error).message).catch(() => {});
      } finally {
        await dropClaims(this.pool, [job.id]).catch(() => {});
        this.jobs.delete(job.id);
        this.wake();
      }
    })();
    this.jobs.set(job.id, promise);
  }

  private trackRederive(job: PgBoss.Job<RederiveJob>) {
    this.rederiving++;
    const promise = (async () => {
      try {
        const result = await processRederiveJob(job.data);
        const boss = await getBoss();
        // The third argument is the job's output (see completeJobs in lib/jobs/boss.ts): the UI shows it.
        await (boss.complete as unknown as (q: string, id: string, out: object) => Promise<unknown>).call(boss, REDERIVE_QUEUE, job.id, result ?? { skipped: 'no such dataset' });
      } catch (e) {
        this.log(`re-derivation job ${job.id} failed: ${(e as Error).message}`);
        await failJobs(REDERIVE_QUEUE, [job.id], (e as Error).message).catch(() => {});
      } finally {
        await dropClaims(this.pool, [job.id]).catch(() => {});
        this.rederiving--;
        this.jobs.delete(job.id);
        this.wake();
      }
    })();
    this.jobs.set(job.id, promise);
  }
}

const globalForJudge = globalThis as unknown as { winnowJudgeWorker?: JudgeWorker };

/** Starts this process's judge worker (idempotent). Called by lib/jobs/worker.ts startWorker. */
export async function startJudgeWorker(opts: JudgeWorkerOptions): Promise<JudgeWorker> {
  if (globalForJudge.winnowJudgeWorker) return globalForJudge.winnowJudgeWorker;
  const w = new JudgeWorker(opts);
  globalForJudge.winnowJudgeWorker = w;
  try {
    await w.start();
  } catch (e) {
    globalForJudge.winnowJudgeWorker = undefined;
    throw e;
  }
  return w;
}

export async function stopJudgeWorker() {
  const w = globalForJudge.winnowJudgeWorker;
  globalForJudge.winnowJudgeWorker = undefined;
  await w?.stop();
}

/** Wakes this process's judge worker, if it runs here (jobs were just queued). */
export function wakeJudgeWorker() {
  globalForJudge.winnowJudgeWorker?.wake();
}
