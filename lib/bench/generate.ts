// `npm run bench -- generate [--only a,b,c,d,e] [--prompts 2000] [--n 8] [--concurrency 64] [--rpm-seconds 120]`
// The generation engine against the fake OpenAI server (its own process, real HTTP):
//  (a) latency 250 ms, endpoint without n: wall time vs the ideal 16,000 × 0.25 s / 64
//  (b) latency 250 ms, endpoint with n:    wall time vs the ideal  2,000 × 0.25 s / 64
//  (c) latency 0: candidates persisted per second (with n; without n also reported)
//  (d) faults 10 % 429, 5 % 500, 2 % hangs: share of samples generated or failed with a reason
//  (e) RPM cap 600 shared by 3 worker processes: observed rate and 429s caused by Winnow
// Last line: one JSON object.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { freshBenchDatabase, printResult } from './bench-utils';

const { values } = parseArgs({
  options: {
    only: { type: 'string', default: 'a,b,c,d,e' },
    prompts: { type: 'string', default: '2000' },
    n: { type: 'string', default: '8' },
    concurrency: { type: 'string', default: '64' },
    'rpm-seconds': { type: 'string', default: '120' },
  },
});
const parts = new Set(values.only.split(',').map((s) => s.trim()));
const PROMPTS = Number(values.prompts);
const N = Number(values.n);
const CONCURRENCY = Number(values.concurrency);
const RPM_SECONDS = Number(values['rpm-seconds']);
const children: ChildProcess[] = [];

/** CPU seconds (user + system) a process has used so far, from /proc (0 where there is no /proc). */
function procCpuSeconds(pid: number | undefined): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return 0;
  }
}

/** The fake server in its own process, so its CPU does not share the worker's event loop. */
async function startFake(): Promise<{ pid: number | undefined; url: string; set: (o: object) => Promise<void>; stats: () => Promise<FakeStats>; reset: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'lib/testing/fake-openai/main.ts', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`fake server exited (${code})`)));
  });
  const base = url.replace(/\/v1$/, '');
  const post = async (p: string, body: object) => {
    const res = await fetch(`${base}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${p}: ${await res.text()}`);
  };
  return {
    pid: child.pid,
    url,
    set: (o) => post('/__options', o),
    reset: () => post('/__reset', {}),
    stats: async () => (await (await fetch(`${base}/__stats`)).json()) as FakeStats,
  };
}

interface FakeStats {
  requests: number;
  outcomes: Record<string, number>;
  peakInFlight: number;
  peakRpm: number;
  peakOkRpm: number;
  arrivalsPerSecond: Array<[number, number]>;
}

const db = await freshBenchDatabase('generate');
const { prisma } = await import('../db/client');
const { pgPool, closePgPool } = await import('../db/pool');
const { startGenerationRun } = await import('../generation/start-run');
const { cancelRun } = await import('../generation/manage-run');
const { getRunProgress } = await import('../generation/get-run-progress');
const { isFinished } = await import('../generation/run-dto');
type RunStatus = import('../generation/run-dto').RunStatus;
const { startWorker, stopWorker } = await import('../jobs/worker');
const { stopBoss, ensureQueue } = await import('../jobs/boss');
const { generateQueue } = await import('../jobs/queues');
const { CHANNEL } = await import('../jobs/notify');
const { spawnWorker, exited } = await import('../generation/test-fixtures');

const result: Record<string, unknown> = { bench: 'generate', prompts: PROMPTS, n: N, concurrency: CONCURRENCY, cpus: os.cpus().length, load_avg_1m: Number(os.loadavg()[0]!.toFixed(1)) };
const log = (l: string) => console.log(l);

try {
  const fake = await startFake();
  const ds = await prisma.dataset.create({ data: { name: 'bench-generate' } });
  const rows = Array.from({ length: PROMPTS }, (_, i) => {
    const text = `Write a short paragraph about topic number ${i}.`;
    return { datasetId: ds.id, externalId: `p${i}`, messages: [{ role: 'user', content: text }], searchText: text };
  });
  await prisma.prompt.createMany({ data: rows });

  let endpointSeq = 0;
  async function endpoint(opts: { supportsN: boolean; rpm?: number }) {
    const e = await prisma.endpoint.create({
      data: { name: `bench-${++endpointSeq}`, baseUrl: fake.url, model: 'fake-model', maxConcurrency: CONCURRENCY, supportsN: opts.supportsN, rpm: opts.rpm ?? null, priceInPerM: 0.15, priceOutPerM: 0.6 },
    });
    await ensureQueue(generateQueue(e.id));
    return e.id;
  }

  async function timedRun(opts: { supportsN: boolean; fake: object; timeoutMs?: number; maxAttempts?: number }) {
    await fake.reset();
    await fake.set({ rate429: 0, rate500: 0, rateHang: 0, rateGarbage: 0, rate400: 0, rpm: null, latencyMs: 0, ...opts.fake });
    const endpointId = await endpoint({ supportsN: opts.supportsN });
    // The run's end is seen in the database: a status read right after finalizeRun's NOTIFY arrives,
    // else every 250 ms (a 20 ms poll cost ~300 queries per run on the worker's own event loop).
    const listener = new pg.Client({ connectionString: db.url });
    await listener.connect();
    await listener.query(`LISTEN ${CHANNEL}`);
    let notified = false;
    let wakeUp: (() => void) | null = null;
    listener.on('notification', () => {
      notified = true;
      wakeUp?.();
    });
    const lag = monitorEventLoopDelay({ resolution: 5 });
    lag.enable();
    const cpuBefore = process.cpuUsage();
    const fakeCpuBefore = procCpuSeconds(fake.pid);
    const pgCpuBefore = await postgresCpuSeconds();
    const started = performance.now();
    const run = await startGenerationRun({ datasetId: ds.id, endpointId, n: N, maxTokens: 128, timeoutMs: opts.timeoutMs, maxAttempts: opts.maxAttempts });
    for (;;) {
      notified = false;
      const { rows } = await pgPool().query<{ status: RunStatus }>('SELECT status FROM generation_runs WHERE id = $1', [run.id]);
      if (isFinished(rows[0]!.status)) {
        await listener.end();
        const seconds = (performance.now() - started) / 1000;
        lag.disable();
        // CPU this process (the worker) spent on the run: a figure the other load on the machine hardly moves.
        const cpu = process.cpuUsage(cpuBefore);
        const cpuSeconds = (cpu.user + cpu.system) / 1e6;
        log(`    worker event-loop delay: p50 ${(lag.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(lag.percentile(99) / 1e6).toFixed(1)} ms, max ${(lag.max / 1e6).toFixed(1)} ms; worker CPU ${cpuSeconds.toFixed(2)} s`);
        const stats = await fake.stats();
        const perRequest = (s: number) => ((s * 1000) / Math.max(1, stats.requests)).toFixed(2);
        const fakeCpu = procCpuSeconds(fake.pid) - fakeCpuBefore;
        const pgCpu = subtractCpu(await postgresCpuSeconds(), pgCpuBefore);
        log(`    CPU per request: worker ${perRequest(cpuSeconds)} ms, fake server ${perRequest(fakeCpu)} ms, PostgreSQL backends ${perRequest(pgCpu)} ms (${stats.requests} requests)`);
        return { seconds, progress: (await getRunProgress(run.id))!, stats };
      }
      if (!notified) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, 250);
          wakeUp = () => {
            clearTimeout(t);
            resolve();
          };
        });
        wakeUp = null;
      }
    }
  }

  /** CPU seconds so far of this database's PostgreSQL backends, by pid. */
  async function postgresCpuSeconds(): Promise<Map<number, number>> {
    const { rows } = await pgPool().query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
    return new Map(rows.map((r) => [r.pid, procCpuSeconds(r.pid)]));
  }
  function subtractCpu(after: Map<number, number>, before: Map<number, number>) {
    let sum = 0;
    for (const [pid, s] of after) sum += s - (before.get(pid) ?? 0);
    return sum;
  }

  if (parts.has('a') || parts.has('b') || parts.has('c') || parts.has('d')) await startWorker({ concurrency: CONCURRENCY, log });

  /**
   * How long requests really took (the fake's 250 ms plus both processes' overhead on this machine)
   * and how busy the 64 slots were: Σ request latency / (concurrency × wall time). Efficiency vs the
   * ideal = slot utilisation × 250 ms / mean latency.
   */
  async function requestFacts(runId: number, requestsPerPrompt: 'one' | 'per-sample', seconds: number) {
    const { rows } = await pgPool().query<{ requests: number; latency_sum: number; latency_avg: number; latency_p50: number }>(
      requestsPerPrompt === 'one'
        ? `SELECT count(*)::int AS requests, sum(l)::float8 AS latency_sum, avg(l)::float8 AS latency_avg, percentile_cont(0.5) WITHIN GROUP (ORDER BY l) AS latency_p50
           FROM (SELECT max(latency_ms) AS l FROM candidates WHERE run_id = $1 GROUP BY prompt_id) x`
        : `SELECT count(*)::int AS requests, sum(latency_ms)::float8 AS latency_sum, avg(latency_ms)::float8 AS latency_avg,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) AS latency_p50 FROM candidates WHERE run_id = $1`,
      [runId],
    );
    const r = rows[0]!;
    // Where the wall time went outside the requests: before the first one and after the last answer.
    const { rows: t } = await pgPool().query<{ to_first_ms: number; last_to_close_ms: number; spread_ms: number }>(
      `SELECT extract(epoch FROM min(c.created_at - c.latency_ms * interval '1 ms') - r.created_at) * 1000 AS to_first_ms,
              extract(epoch FROM r.finished_at - max(c.created_at)) * 1000 AS last_to_close_ms,
              extract(epoch FROM max(c.created_at) - min(c.created_at)) * 1000 AS spread_ms
         FROM candidates c JOIN generation_runs r ON r.id = c.run_id WHERE c.run_id = $1 GROUP BY r.created_at, r.finished_at`,
      [runId],
    );
    log(`    timeline: first request ~${Math.round(t[0]!.to_first_ms)} ms after the run was created; run closed ${Math.round(t[0]!.last_to_close_ms)} ms after the last write; writes spread over ${Math.round(t[0]!.spread_ms)} ms`);
    return { latencyAvg: Math.round(r.latency_avg), latencyP50: Math.round(r.latency_p50), utilisation: r.latency_sum / 1000 / (CONCURRENCY * seconds) };
  }

  if (parts.has('a')) {
    const ideal = (PROMPTS * N * 0.25) / CONCURRENCY;
    const r = await timedRun({ supportsN: false, fake: { supportsN: false, latencyMs: 250 } });
    const eff = ideal / r.seconds;
    const q = await requestFacts(r.progress.id, 'per-sample', r.seconds);
    log(
      `(a) latency 250 ms, no n: ${r.progress.candidates} candidates in ${r.seconds.toFixed(1)} s (ideal ${ideal.toFixed(1)} s): efficiency ${(eff * 100).toFixed(1)} %; ` +
        `requests took ${q.latencyAvg} ms on average (p50 ${q.latencyP50}), slots busy ${(q.utilisation * 100).toFixed(1)} %, peak in flight ${r.stats.peakInFlight}`,
    );
    Object.assign(result, { efficiency_250ms: round(eff, 3), a_seconds: round(r.seconds, 2), a_latency_avg_ms: q.latencyAvg, a_slot_utilisation: round(q.utilisation, 3), a_peak_in_flight: r.stats.peakInFlight });
  }
  if (parts.has('b')) {
    const ideal = (PROMPTS * 0.25) / CONCURRENCY;
    const r = await timedRun({ supportsN: true, fake: { supportsN: true, latencyMs: 250 } });
    const eff = ideal / r.seconds;
    const q = await requestFacts(r.progress.id, 'one', r.seconds);
    log(
      `(b) latency 250 ms, with n: ${r.progress.candidates} candidates in ${r.seconds.toFixed(2)} s (ideal ${ideal.toFixed(2)} s): efficiency ${(eff * 100).toFixed(1)} %, ${r.stats.requests} requests; ` +
        `requests took ${q.latencyAvg} ms on average (p50 ${q.latencyP50}), slots busy ${(q.utilisation * 100).toFixed(1)} %`,
    );
    Object.assign(result, { efficiency_250ms_n: round(eff, 3), b_seconds: round(r.seconds, 2), b_latency_avg_ms: q.latencyAvg, b_slot_utilisation: round(q.utilisation, 3) });
  }
  if (parts.has('c')) {
    const r = await timedRun({ supportsN: true, fake: { supportsN: true, latencyMs: 0 } });
    const cps = r.progress.candidates / r.seconds;
    log(`(c) latency 0, with n: ${r.progress.candidates} candidates persisted in ${r.seconds.toFixed(2)} s = ${Math.round(cps)} candidates/s`);
    const r2 = await timedRun({ supportsN: false, fake: { supportsN: false, latencyMs: 0 } });
    const cps2 = r2.progress.candidates / r2.seconds;
    log(`(c) latency 0, no n (one request per candidate): ${Math.round(cps2)} candidates/s`);
    Object.assign(result, { candidates_per_s: Math.round(cps), candidates_per_s_no_n: Math.round(cps2), c_seconds: round(r.seconds, 2) });
  }
  if (parts.has('d')) {
    const r = await timedRun({
      supportsN: false,
      fake: { supportsN: false, latencyMs: 20, rate429: 0.1, rate500: 0.05, rateHang: 0.02, retryAfterSec: 1 },
      timeoutMs: 2000,
    });
    const { rows } = await pgPool().query<{ generated: number; failed_with_reason: number; failed_samples: number }>(
      `SELECT (SELECT count(*)::int FROM candidates WHERE run_id = $1) AS generated,
              coalesce(sum(CASE WHEN rp.error IS NOT NULL THEN $2 - (SELECT count(*) FROM candidates c WHERE c.run_id = rp.run_id AND c.prompt_id = rp.prompt_id) END), 0)::int AS failed_with_reason,
              coalesce(sum($2 - (SELECT count(*) FROM candidates c WHERE c.run_id = rp.run_id AND c.prompt_id = rp.prompt_id)), 0)::int AS failed_samples
       FROM generation_run_prompts rp WHERE rp.run_id = $1 AND rp.status = 'failed'`,
      [r.progress.id, N],
    );
    const f = rows[0]!;
    const expected = PROMPTS * N;
    const pct = ((f.generated + f.failed_with_reason) / expected) * 100;
    const retries = Object.fromEntries(r.progress.errors.map((e) => [e.kind, e.retries]));
    const failures = Object.fromEntries(r.progress.errors.filter((e) => e.failures).map((e) => [e.kind, e.failures]));
    log(
      `(d) faults: ${f.generated} generated + ${f.failed_with_reason} failed with a reason of ${expected} = ${pct.toFixed(2)} % in ${r.seconds.toFixed(1)} s; ` +
        `fake outcomes ${JSON.stringify(r.stats.outcomes)}; retries ${JSON.stringify(retries)}; final failures ${JSON.stringify(failures)} (${r.progress.failedPrompts} prompts)`,
    );
    Object.assign(result, {
      fault_completed_pct: round(pct, 2),
      fault_generated: f.generated,
      fault_failed_samples: f.failed_samples,
      fault_retries: retries,
      fault_final_failures: failures,
      d_seconds: round(r.seconds, 1),
    });
  }
  await stopWorker();

  if (parts.has('e')) {
    const RPM = 600;
    await fake.reset();
    await fake.set({ supportsN: true, latencyMs: 50, rpm: RPM, rate429: 0, rate500: 0, rateHang: 0 });
    const endpointId = await endpoint({ supportsN: true, rpm: RPM });
    const env = { DATABASE_URL: db.url };
    const workers = [0, 1, 2].map(() => spawnWorker(env, ['--concurrency', String(CONCURRENCY)]));
    children.push(...workers);
    for (const deadline = Date.now() + 120_000; ; ) {
      const { rows } = await pgPool().query('SELECT count(*)::int AS n FROM generation_workers');
      if (rows[0].n >= 3) break;
      if (Date.now() > deadline) throw new Error('workers did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
    const run = await startGenerationRun({ datasetId: ds.id, endpointId, n: N, maxTokens: 64 });
    log(`(e) RPM ${RPM} with 3 worker processes: running ${RPM_SECONDS} s …`);
    await new Promise((r) => setTimeout(r, RPM_SECONDS * 1000 + 1000));
    await cancelRun(run.id);
    const s = await fake.stats();
    const arrivals = s.arrivalsPerSecond;
    const first = arrivals[0]![0];
    const inWindow = arrivals.filter(([t]) => t < first + RPM_SECONDS).reduce((a, [, n]) => a + n, 0);
    const observed = (inWindow / RPM_SECONDS) * 60;
    log(
      `(e) ${inWindow} requests in the first ${RPM_SECONDS} s = ${observed.toFixed(1)}/min (cap ${RPM}, ${((observed / RPM) * 100).toFixed(1)} %); ` +
        `busiest 60 s window ${s.peakRpm}; 429s from the fake's RPM cap: ${s.outcomes['429_rpm']}`,
    );
    Object.assign(result, { rpm_observed: round(observed, 1), rpm_peak_60s: s.peakRpm, rpm_429s: s.outcomes['429_rpm'] ?? 0 });
    for (const w of workers) {
      w.kill('SIGTERM');
      await exited(w);
    }
  }
} finally {
  await stopWorker().catch(() => {});
  for (const c of children) c.kill('SIGKILL');
  await stopBoss();
  await closePgPool();
  await (await import('../db/client')).disconnectPrisma();
  await db.release();
}
printResult(result);

function round(x: number, digits: number) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
