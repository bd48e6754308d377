import 'server-only';
import type PgBoss from 'pg-boss';
import { pgPool } from '../../db/pool';
import { bossDb, completeJobs, ensureQueue, failJobs, getBoss } from '../../jobs/boss';
import { listenForSignals } from '../../jobs/notify';
import { processJudgeJob } from './process-judge-job';
import { JUDGE_QUEUE, type JudgeJob } from './queue';

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

/** Fetches and processes judge jobs (queue `winnow-judge`) until stopped. */
export class JudgeWorker {
  private readonly pool = pgPool();
  private readonly concurrency: number;
  private readonly log: (l: string) => void;
  private boss!: PgBoss;
  private running = false;
  private loopDone: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private jobs = new Map<string, Promise<void>>();
  private abort = new AbortController();
  private stopListening: (() => Promise<void>) | null = null;

  constructor(private readonly opts: JudgeWorkerOptions) {
    this.concurrency = Math.max(1, opts.concurrency ?? Number(process.env.WINNOW_JUDGE_CONCURRENCY ?? 4));
    this.log = opts.log ?? (() => {});
  }

  async start() {
    this.boss = await getBoss();
    await ensureQueue(JUDGE_QUEUE);
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
    const w = this.wakeUp;
    this.wakeUp = null;
    w?.();
  }

  private sleep(ms: number) {
    return new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        this.wakeUp = null;
        resolve();
      }, ms);
      this.wakeUp = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }

  private async loop() {
    while (this.running) {
      let fetched = 0;
      try {
        const room = this.concurrency - this.jobs.size;
        if (room > 0) {
          const jobs = await this.fetch(room);
          fetched = jobs.length;
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
  private async fetch(batchSize: number): Promise<PgBoss.Job<JudgeJob>[]> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const jobs = await this.boss.fetch<JudgeJob>(JUDGE_QUEUE, { batchSize, db: bossDb(client) });
      if (jobs.length) {
        await client.query(
          `INSERT INTO generation_job_claims (job_id, queue, worker_id) SELECT unnest($1::uuid[]), $2, $3
           ON CONFLICT (job_id) DO UPDATE SET worker_id = excluded.worker_id, claimed_at = now()`,
          [jobs.map((j) => j.id), JUDGE_QUEUE, this.opts.workerId],
        );
      }
      await client.query('COMMIT');
      return jobs;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
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
        await this.pool.query('DELETE FROM generation_job_claims WHERE job_id = $1', [job.id]).catch(() => {});
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
