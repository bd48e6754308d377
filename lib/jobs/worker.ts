import 'server-only';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type OpenAI from 'openai';
import type PgBoss from 'pg-boss';
import type pg from 'pg';
import { pgPool } from '../db/pool';
import { openaiClient } from '../endpoints/openai-client';
import { pollBatches } from '../generation/batch/poll-batches';
import { submitBatches } from '../generation/batch/submit-batches';
import { loadEndpointConfig, recordSupportsN, type EndpointConfig } from '../generation/endpoint-config';
import { EndpointGate } from '../generation/endpoint-gate';
import { httpFetch } from '../generation/http-fetch';
import { releaseLeases } from '../generation/endpoint-slots';
import { failRun } from '../generation/fail-run';
import { finalizeRun } from '../generation/finalize-run';
import { processChunk, type ChunkPreload, type ChunkRuntime, type ChunkResult, type RunInfo } from '../generation/process-chunk';
import { ResultWriter } from '../generation/result-writer';
import { completeJobs, dropClaims, ensureQueue, failJobs, fetchAndClaim, getBoss } from './boss';
import { claimFirstJobs, type FirstJobs } from './claim-first-jobs';
import { beat, HEARTBEAT_MS, LEASE_MS, registerWorker, sweepDeadWorkers } from './heartbeat';
import { listenForSignals, type Signal } from './notify';
import { RunRegistry } from './run-registry';
import { BATCH_POLL_QUEUE, BATCH_SUBMIT_QUEUE, generateQueue, REQUESTS_PER_JOB, type BatchJob, type ChunkJob } from './queues';
import { startJudgeWorker, stopJudgeWorker } from '../evaluation/judge/judge-worker';
import { Waker } from './waker';
import { singleFlight } from './single-flight';

export interface WorkerOptions {
  /** Requests in flight per endpoint from this process (the endpoint's own max applies across all). */
  concurrency?: number;
  /** Seconds between polls of an in-flight provider batch. */
  batchPollSeconds?: number;
  log?: (line: string) => void;
}

/**
 * A generation worker: claims chunk jobs from each endpoint's queue while that endpoint has room in
 * this process, runs them, and completes them once their results are committed. Several run
 * together (web app, `npm run worker`, CLI --wait) against one database; the endpoint limits hold
 * across all of them (EndpointGate). See DESIGN.md "Jobs".
 */
export class GenerationWorker {
  readonly id = `${os.hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  readonly pool: pg.Pool;
  readonly writer: ResultWriter;
  private readonly concurrency: number;
  private readonly log: (l: string) => void;
  private running = false;
  private loopDone: Promise<void> | null = null;
  private readonly waker = new Waker();
  private timers: NodeJS.Timeout[] = [];
  private stopListening: (() => Promise<void>) | null = null;

  private readonly runs: RunRegistry;
  private endpoints = new Map<number, { config: EndpointConfig; fetchedAt: number }>();
  private endpointLoads = new Map<number, Promise<EndpointConfig | null>>();
  private gates = new Map<number, EndpointGate>();
  private clients = new Map<number, { client: OpenAI; baseUrl: string; keyEnv: string | null }>();
  /** Claimed jobs not yet completed: id → queue. */
  private jobs = new Map<string, { queue: string; endpointId: number | null; promise: Promise<void> }>();
  /** Requests announced by loading jobs, not yet waiting at the gate. */
  private loading = new Map<number, number>();
  private emptyUntil = new Map<string, number>();
  private activeEndpoints: number[] = [];
  private activeCheckedAt = 0;
  private toComplete = new Map<string, string[]>();
  private completeTimer: NodeJS.Timeout | null = null;
  private readonly batchPollSeconds: number;
  /** Other live workers, as of the last heartbeat (none: slots need no fairness turns). */
  private peers = 1;

  constructor(opts: WorkerOptions = {}) {
    this.pool = pgPool();
    this.runs = new RunRegistry(this.pool);
    this.concurrency = Math.max(1, opts.concurrency ?? Number(process.env.WINNOW_WORKER_CONCURRENCY ?? 32));
    this.batchPollSeconds = opts.batchPollSeconds ?? Number(process.env.WINNOW_BATCH_POLL_SECONDS ?? 30);
    this.log = opts.log ?? (() => {});
    this.writer = new ResultWriter({
      onRunSettled: (runId) => finalizeRun(runId).then(() => this.runs.forget(runId)),
      // Results wait up to 100 ms to share one statement (each also fires the candidates' summary
      // trigger: PostgreSQL spent 2.4 ms of CPU per request of bench (b) with 15 ms, 1.4 with 100).
      // Once no request waits for a slot (a run's last round, a trickle) 10 ms, so that the last
      // writes stay small; with nothing in flight, at once.
      delayMs: () => this.writeDelayMs(),
    });
  }

  async start() {
    await getBoss(); // pg-boss started (its schema created) before the first fetch
    await registerWorker(this.pool, this.id, this.concurrency);
    this.running = true;
    this.stopListening = listenForSignals((s) => this.onSignal(s));
    this.timers.push(setInterval(() => void this.heartbeat(), HEARTBEAT_MS));
    this.timers.push(setInterval(() => void this.runs.check(), 1000));
    void this.heartbeat();
    this.loopDone = this.loop();
    this.log(`Generation worker ${this.id} started (concurrency ${this.concurrency} per endpoint).`);
  }

  /** Stops fetching, aborts in-flight requests, writes what is done, and hands unfinished jobs back. */
  async stop() {
    if (!this.running) return;
    this.running = false;
    this.wake();
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    this.runs.stopAll();
    await this.loopDone;
    await Promise.allSettled([...this.jobs.values()].map((j) => j.promise));
    await this.writer.flush().catch(() => {});
    await this.flushCompletions();
    const byQueue = new Map<string, string[]>();
    for (const [id, j] of this.jobs) byQueue.set(j.queue, [...(byQueue.get(j.queue) ?? []), id]);
    for (const [queue, ids] of byQueue) await failJobs(queue, ids, 'worker stopped').catch(() => {});
    await this.pool.query('DELETE FROM generation_job_claims WHERE worker_id = $1', [this.id]).catch(() => {});
    await Promise.allSettled([...this.gates.values()].map((g) => g.close()));
    await this.pool.query('DELETE FROM generation_workers WHERE id = $1', [this.id]).catch(() => {});
    await this.stopListening?.();
    this.log(`Generation worker ${this.id} stopped.`);
  }

  // ── the fetch loop ──────────────────────────────────────────────────────────────────────────

  private wake() {
    this.waker.wake();
  }

  private sleep(ms: number) {
    return this.waker.sleep(ms);
  }

  private onSignal(s: Signal) {
    if (s.type === 'jobs') {
      this.emptyUntil.clear();
      // The endpoint is known from the signal: fetch from its queue at once, without a lookup.
      if (s.endpointId > 0 && !this.activeEndpoints.includes(s.endpointId)) this.activeEndpoints = [...this.activeEndpoints, s.endpointId];
      this.wake();
    } else void this.runs.check([s.runId]);
  }

  private async loop() {
    while (this.running) {
      let fetched = 0;
      try {
        fetched = await this.fetchRound();
      } catch (e) {
        this.log(`worker: ${(e as Error).message}`);
        await this.sleep(1000);
      }
      if (!this.running) break;
      // Busy: look again soon (a request starting frees room); idle: wait for a NOTIFY or 1 s.
      await this.sleep(fetched ? 0 : this.jobs.size ? 50 : 1000);
    }
  }

  private async refreshActiveEndpoints() {
    if (Date.now() - this.activeCheckedAt < 2000) return;
    this.activeCheckedAt = Date.now();
    const { rows } = await this.pool.query<{ endpoint_id: number }>(
      `SELECT DISTINCT endpoint_id FROM generation_runs WHERE status IN ('queued', 'running') AND kind = 'generate' AND endpoint_id IS NOT NULL`,
    );
    this.activeEndpoints = rows.map((r) => r.endpoint_id);
  }

  private backlog(endpointId: number) {
    return (this.gates.get(endpointId)?.slots.waiting ?? 0) + (this.loading.get(endpointId) ?? 0);
  }

  private async fetchRound(): Promise<number> {
    // With endpoints already known (a NOTIFY names one), the refresh must not delay the fetch.
    if (this.activeEndpoints.length) void this.refreshActiveEndpoints().catch((e: unknown) => this.log(`worker: ${(e as Error).message}`));
    else await this.refreshActiveEndpoints();
    let fetched = 0;
    for (const endpointId of this.activeEndpoints) {
      const queue = generateQueue(endpointId);
      if ((this.emptyUntil.get(queue) ?? 0) > Date.now()) continue;
      // Keep about two slots' worth of requests waiting: a slot freed by an answer must find its
      // next request already there (a fetch round trip per refill would leave slots idle).
      const room = 2 * this.concurrency - this.backlog(endpointId);
      const jobsHere = [...this.jobs.values()].filter((j) => j.endpointId === endpointId).length;
      if (room <= 0 || jobsHere >= Math.max(8, 2 * this.concurrency)) continue;
      // While a slot's worth of requests still waits, fetch only once two jobs fit (each fetch is a
      // transaction of four statements; one per job was ~100 transactions in an 8 s run).
      if (room < 2 * REQUESTS_PER_JOB && this.backlog(endpointId) >= this.concurrency) continue;
      await ensureQueue(queue);
      // REQUESTS_PER_JOB requests per job (lib/jobs/queues.ts), so this asks for about the room left.
      const jobs = await this.fetch<ChunkJob>(queue, Math.max(1, Math.ceil(room / REQUESTS_PER_JOB)));
      if (!jobs.length) this.emptyUntil.set(queue, Date.now() + 1000);
      for (const job of jobs) {
        // Counted before the prompts are read, so the next round does not over-fetch.
        const estimate = job.data.promptIds.length * this.requestsPerPrompt(job.data.runId, endpointId);
        this.loading.set(endpointId, (this.loading.get(endpointId) ?? 0) + estimate);
        this.track(queue, job.id, endpointId, () => this.runChunk(job, endpointId, estimate));
      }
      if (jobs.length) this.prepareSlots(endpointId, jobs);
      fetched += jobs.length;
    }
    for (const queue of [BATCH_SUBMIT_QUEUE, BATCH_POLL_QUEUE]) {
      if ((this.emptyUntil.get(queue) ?? 0) > Date.now()) continue;
      if ([...this.jobs.values()].filter((j) => j.queue === queue).length >= 2) continue;
      await ensureQueue(queue, queue === BATCH_POLL_QUEUE ? 'short' : 'standard');
      const jobs = await this.fetch<BatchJob>(queue, 1);
      if (!jobs.length) this.emptyUntil.set(queue, Date.now() + 1000);
      for (const job of jobs) this.track(queue, job.id, null, () => this.runBatchJob(queue, job.data));
      fetched += jobs.length;
    }
    return fetched;
  }

  private fetch<T extends object>(queue: string, batchSize: number): Promise<PgBoss.Job<T>[]> {
    return fetchAndClaim<T>(this.pool, queue, batchSize, this.id);
  }

  private track(queue: string, id: string, endpointId: number | null, run: () => Promise<'complete' | 'keep'>) {
    const promise = run()
      .then((what) => {
        // 'keep': left claimed; stop() fails it back into the queue.
        if (what === 'complete') this.complete(queue, id);
      })
      .catch(async (e: unknown) => {
        this.log(`job ${id} failed: ${(e as Error).message}`);
        this.jobs.delete(id);
        await failJobs(queue, [id], (e as Error).message).catch(() => {});
        await dropClaims(this.pool, [id]).catch(() => {});
      })
      .finally(() => this.wake());
    this.jobs.set(id, { queue, endpointId, promise });
  }

  /**
   * Leases the slots the claimed jobs will need while they read their prompts (else the first
   * requests of a run wait for that read, then for a lease round trip). A run not seen yet counts
   * as a full local share: slots nobody takes go back within a second.
   */
  private prepareSlots(endpointId: number, jobs: PgBoss.Job<ChunkJob>[]) {
    const unknownRun = jobs.some((j) => this.runs.cachedN(j.data.runId) === undefined);
    const requests = unknownRun ? this.concurrency : jobs.reduce((s, j) => s + j.data.promptIds.length * this.requestsPerPrompt(j.data.runId, endpointId), 0);
    void this.getEndpoint(endpointId)
      .then((e) => e && this.gate(e).slots.reserve(requests))
      .catch(() => {}); // the chunks themselves load the endpoint and report errors
  }

  private requestsPerPrompt(runId: number, endpointId: number) {
    const n = this.runs.cachedN(runId) ?? 1;
    return this.endpoints.get(endpointId)?.config.supportsN === true ? 1 : n;
  }

  private async runChunk(job: PgBoss.Job<ChunkJob>, endpointId: number, estimate: number, preload?: ChunkPreload): Promise<'complete' | 'keep'> {
    let announced = estimate;
    const unload = () => {
      this.loading.set(endpointId, Math.max(0, (this.loading.get(endpointId) ?? 0) - announced));
      announced = 0;
    };
    const rt: ChunkRuntime = { ...this.runtime(), loaded: () => unload() };
    let result: ChunkResult;
    try {
      result = await processChunk(job.data, rt, preload);
    } finally {
      unload();
    }
    // A stopping worker must not complete a job it did not finish: stop() fails it back instead.
    return result === 'interrupted' && !this.running ? 'keep' : 'complete';
  }

  private async runBatchJob(queue: string, job: BatchJob): Promise<'complete' | 'keep'> {
    if (queue === BATCH_SUBMIT_QUEUE) await submitBatches(job, this.runtime(), { pollSeconds: this.batchPollSeconds });
    else await pollBatches(job, this.runtime(), { pollSeconds: this.batchPollSeconds });
    return 'complete';
  }

  private complete(queue: string, id: string) {
    this.toComplete.set(queue, [...(this.toComplete.get(queue) ?? []), id]);
    // Batched: a late completion only means a job redone after a crash finds its rows written.
    this.completeTimer ??= setTimeout(() => void this.flushCompletions(), 100);
  }

  private async flushCompletions() {
    if (this.completeTimer) clearTimeout(this.completeTimer);
    this.completeTimer = null;
    const batches = [...this.toComplete.entries()];
    this.toComplete.clear();
    for (const [queue, ids] of batches) {
      try {
        await completeJobs(queue, ids);
        await dropClaims(this.pool, ids);
      } catch (e) {
        this.log(`completing jobs failed: ${(e as Error).message}`); // they expire and re-run: harmless
      }
      for (const id of ids) this.jobs.delete(id);
    }
  }

  private writeDelayMs(): number {
    const gates = [...this.gates.values()];
    if (gates.every((g) => g.slots.inUse === 0)) return 0;
    if (gates.every((g) => g.slots.waiting === 0) && [...this.loading.values()].every((n) => n === 0)) return 10;
    return 100;
  }

  // ── a run created in this process: its first jobs without a round trip ──────────────────────

  /**
   * Called inside the transaction creating a run (lib/generation/start-run.ts), after its jobs are
   * inserted: claims as many as this worker would fetch now, with their slots (claimFirstJobs).
   * Null when this worker is stopping or already has enough work for the endpoint.
   */
  async claimFirstJobs(client: pg.ClientBase, run: RunInfo, endpoint: EndpointConfig): Promise<FirstJobs | null> {
    if (!this.running) return null;
    const room = 2 * this.concurrency - this.backlog(endpoint.id);
    if (room <= 0) return null;
    const slots = this.gate(this.endpoints.get(endpoint.id)?.config ?? endpoint).slots;
    return claimFirstJobs(client, {
      workerId: this.id,
      queue: generateQueue(endpoint.id),
      run,
      endpoint,
      batchSize: Math.max(1, Math.ceil(room / REQUESTS_PER_JOB)),
      slots: { want: slots.roomFor(room), ...slots.leaseTerms() },
    });
  }

  /**
   * Runs the jobs claimed in a run's creating transaction, on the slots leased in it, right away:
   * requests need nothing of the database, and their results wait for `committed` (the writer
   * holds the run's writes, the slots their lease checks). If the transaction rolls back, the
   * requests are aborted and nothing is written.
   */
  adoptFirstJobs(first: FirstJobs, committed: Promise<void>) {
    const endpointId = first.endpoint.id;
    if (!this.running) {
      // Stopping: leave it all to whoever comes next (hand back once the claims exist).
      committed.then(() => this.handBack(first), () => {});
      return;
    }
    if (!this.endpoints.has(endpointId)) this.endpoints.set(endpointId, { config: first.endpoint, fetchedAt: Date.now() });
    const endpoint = this.endpoints.get(endpointId)!.config;
    const slots = this.gate(endpoint).slots;
    this.runs.seed(first.run);
    this.writer.holdUntil(first.run.id, committed);
    slots.adopt(first.slots, first.slotRows, { confirmed: false });
    committed.then(
      () => slots.confirmAdopted(first.slots, first.slotRows),
      () => {
        this.runs.abandon(first.run.id);
        slots.forget(first.slots);
        this.handBack(first); // no-ops after a rollback; a lost COMMIT reply may hide a commit
      },
    );
    const preload: ChunkPreload = { run: first.run, endpoint, messages: first.messages };
    for (const job of first.jobs) {
      const estimate = job.data.promptIds.length * this.requestsPerPrompt(job.data.runId, endpointId);
      this.loading.set(endpointId, (this.loading.get(endpointId) ?? 0) + estimate);
      this.track(first.queue, job.id, endpointId, () => this.runChunk(job, endpointId, estimate, preload));
    }
    // The rest of the run's jobs: fetched when the commit's NOTIFY arrives (they are invisible until then).
    if (!this.activeEndpoints.includes(endpointId)) this.activeEndpoints = [...this.activeEndpoints, endpointId];
  }

  /** Claimed jobs and leased slots this worker will not run: back to the queue and the table. */
  private handBack(first: FirstJobs) {
    const ids = first.jobs.map((j) => j.id);
    void failJobs(first.queue, ids, 'worker stopped').catch(() => {});
    void dropClaims(this.pool, ids).catch(() => {});
    void releaseLeases(this.pool, first.endpoint.id, first.slots, this.id).catch(() => {});
  }

  // ── runtime for chunks and batches ──────────────────────────────────────────────────────────

  private runtime(): ChunkRuntime {
    return {
      pool: this.pool,
      writer: this.writer,
      getRun: (id) => this.runs.get(id),
      runSignal: (id, key) => this.runs.signal(id, key),
      getEndpoint: (id) => this.getEndpoint(id),
      gate: (e) => this.gate(e),
      client: (e) => this.client(e),
      learnedSupportsN: (e, v) => this.learnedSupportsN(e, v),
      failRun: (id, message) => this.failRun(id, message),
    };
  }

  async getEndpoint(id: number): Promise<EndpointConfig | null> {
    const cached = this.endpoints.get(id);
    if (cached && Date.now() - cached.fetchedAt < 5000) return cached.config;
    // One read at a time per endpoint: the chunks claimed together share it.
    return singleFlight(this.endpointLoads, id, () => this.loadEndpoint(id));
  }

  private async loadEndpoint(id: number): Promise<EndpointConfig | null> {
    const cached = this.endpoints.get(id);
    const config = await loadEndpointConfig(this.pool, id);
    if (!config) {
      this.endpoints.delete(id);
      return null;
    }
    // Keep one object per endpoint: prompts in flight see what the first answers taught (supportsN).
    if (cached) {
      if (cached.config.supportsN !== null && config.supportsN === null) config.supportsN = cached.config.supportsN;
      Object.assign(cached.config, config);
      cached.fetchedAt = Date.now();
    } else this.endpoints.set(id, { config, fetchedAt: Date.now() });
    const current = this.endpoints.get(id)!.config;
    this.gates.get(id)?.configure(current);
    return current;
  }

  gate(e: EndpointConfig): EndpointGate {
    let g = this.gates.get(e.id);
    if (!g) {
      g = new EndpointGate(this.pool, this.id, e, { localCap: this.concurrency, leaseMs: LEASE_MS });
      g.slots.setContended(this.peers > 0);
      this.gates.set(e.id, g);
    }
    return g;
  }

  client(e: EndpointConfig): OpenAI {
    const c = this.clients.get(e.id);
    if (c && c.baseUrl === e.baseUrl && c.keyEnv === e.apiKeyEnv) return c.client;
    const client = openaiClient(e).withOptions({ fetch: httpFetch });
    this.clients.set(e.id, { client, baseUrl: e.baseUrl, keyEnv: e.apiKeyEnv });
    return client;
  }

  learnedSupportsN(e: EndpointConfig, value: boolean) {
    if (e.supportsN !== null) return;
    e.supportsN = value;
    void recordSupportsN(this.pool, e.id, value).catch(() => {});
  }

  async failRun(runId: number, message: string) {
    await failRun(runId, message);
    await this.runs.check([runId]);
  }

  private async heartbeat() {
    try {
      const started = Date.now();
      const { slots: kept, peers } = await beat(this.pool, this.id, this.concurrency);
      this.peers = peers;
      for (const [endpointId, gate] of this.gates) {
        gate.slots.keepOnly(kept.get(endpointId) ?? new Set(), started);
        gate.slots.setContended(peers > 0);
      }
      const handedBack = await sweepDeadWorkers(this.pool);
      if (handedBack) {
        this.log(`Handed back ${handedBack} job(s) of a worker that stopped answering.`);
        this.emptyUntil.clear();
        this.wake();
      }
      // A run whose last write landed but whose worker died before closing it.
      const { rows } = await this.pool.query<{ id: number }>(
        `SELECT id FROM generation_runs WHERE status = 'running' AND total_prompts > 0 AND done_prompts + failed_prompts >= total_prompts`,
      );
      for (const r of rows) await finalizeRun(r.id);
    } catch (e) {
      this.log(`heartbeat: ${(e as Error).message}`);
    }
  }
}

const globalForWorker = globalThis as unknown as { winnowWorker?: GenerationWorker };

/** Starts this process's worker (idempotent). The web app calls it at startup; `npm run worker` too. */
export async function startWorker(opts: WorkerOptions = {}): Promise<GenerationWorker> {
  if (globalForWorker.winnowWorker) return globalForWorker.winnowWorker;
  const w = new GenerationWorker(opts);
  globalForWorker.winnowWorker = w;
  try {
    await w.start();
    // Evaluation jobs (queue winnow-judge) run beside generation, claimed under this worker's id.
    await startJudgeWorker({ workerId: w.id, log: opts.log });
  } catch (e) {
    globalForWorker.winnowWorker = undefined;
    await w.stop().catch(() => {});
    throw e;
  }
  return w;
}

export async function stopWorker() {
  const w = globalForWorker.winnowWorker;
  globalForWorker.winnowWorker = undefined;
  await stopJudgeWorker();
  await w?.stop();
}
