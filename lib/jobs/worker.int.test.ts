import { afterEach, describe, expect, it } from 'vitest';
import { prisma } from '../db/client';
import { pgPool } from '../db/pool';
import { getRunProgress } from '../generation/get-run-progress';
import { startGenerationRun } from '../generation/start-run';
import { setupFakeServerAndCleanDatabase } from '../generation/fake-server-hooks';
import { exited, runFacts, seedDataset, seedEndpoint, spawnWorker, waitFor, waitForRunEnd } from '../generation/test-fixtures';
import { startWorker, stopWorker } from './worker';

// Workers in their own processes, as `npm run worker` starts them. Short heartbeats so a killed
// worker is noticed in ~2 s instead of 15 s.
const childEnv = { WINNOW_WORKER_HEARTBEAT_MS: '400', WINNOW_WORKER_STALE_MS: '2000', WINNOW_LEASE_MS: '3000', WINNOW_BATCH_POLL_SECONDS: '0.3' };
Object.assign(process.env, childEnv);

const fake = setupFakeServerAndCleanDatabase({ supportsN: true, latencyMs: 0, batchDurationMs: 2000, batchErrorRate: 0 });
const children: Array<ReturnType<typeof spawnWorker>> = [];

afterEach(async () => {
  await stopWorker();
  for (const c of children.splice(0)) {
    c.kill('SIGKILL');
    await exited(c);
  }
});

function worker(args: string[] = []) {
  const c = spawnWorker({ ...childEnv, DATABASE_URL: process.env.DATABASE_URL! }, args);
  children.push(c);
  return c;
}

/** Child start-up (tsx, pg-boss) takes seconds on a busy machine: wait until they have registered. */
async function workersUp(count: number) {
  await waitFor(async () => (await pgPool().query('SELECT count(*)::int AS n FROM generation_workers')).rows[0].n >= count, 60_000, `${count} workers`);
}

describe('workers in separate processes', () => {
  it('kill -9 mid-run, start another: exactly prompts × N candidates, none duplicated, counters exact', async () => {
    fake.server.setOptions({ supportsN: false, latencyMs: 60 });
    const datasetId = await seedDataset('ds', 60);
    const endpointId = await seedEndpoint(fake.server.url, { supportsN: false, maxConcurrency: 8 });
    const run = await startGenerationRun({ datasetId, endpointId, n: 4 });
    const first = worker(['--concurrency', '8']);
    await workersUp(1);
    await waitFor(async () => (await runFacts(run.id)).candidates >= 40, 30_000, 'candidates before the kill');
    first.kill('SIGKILL');
    await exited(first);
    expect(first.signalCode).toBe('SIGKILL');
    const atKill = await runFacts(run.id);
    expect(atKill.candidates).toBeLessThan(240);

    worker(['--concurrency', '8']);
    const p = await waitForRunEnd(run.id, 90_000);
    expect(p.status).toBe('completed');
    const f = await runFacts(run.id);
    expect(f).toMatchObject({ candidates: 240, distinct_samples: 240, out_of_range: 0, pending_prompts: 0 });
    expect(p).toMatchObject({ candidates: 240, donePrompts: 60, failedPrompts: 0, promptTokens: f.prompt_tokens, completionTokens: f.completion_tokens });
  }, 180_000);

  it('limits hold across two worker processes: in flight never above the endpoint max', async () => {
    fake.server.setOptions({ supportsN: false, latencyMs: 40 });
    const datasetId = await seedDataset('ds', 40);
    const endpointId = await seedEndpoint(fake.server.url, { supportsN: false, maxConcurrency: 3 });
    worker(['--concurrency', '8']);
    worker(['--concurrency', '8']);
    await workersUp(2);
    const run = await startGenerationRun({ datasetId, endpointId, n: 4 });
    const p = await waitForRunEnd(run.id, 60_000);
    expect(p.status).toBe('completed');
    expect(p.candidates).toBe(160);
    const stats = fake.server.stats();
    expect(stats.peakInFlight).toBeLessThanOrEqual(3);
    expect(stats.peakInFlight).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it('RPM holds across processes (GCRA state in one row)', async () => {
    fake.server.setOptions({ supportsN: true, latencyMs: 0 });
    const datasetId = await seedDataset('ds', 12);
    // 120 rpm = 2/s with a burst of 2: 12 requests need ≥ (12 - 2) / (119/60) ≈ 5 s.
    const endpointId = await seedEndpoint(fake.server.url, { supportsN: true, maxConcurrency: 8, rpm: 120 });
    worker(['--concurrency', '4']);
    worker(['--concurrency', '4']);
    await workersUp(2);
    const run = await startGenerationRun({ datasetId, endpointId, n: 2 });
    const p = await waitForRunEnd(run.id, 60_000);
    expect(p.status).toBe('completed');
    const arrivals = fake.server.stats().arrivalsPerSecond;
    expect(arrivals.reduce((s, [, n]) => s + n, 0)).toBe(12);
    // Wall-clock seconds: 2 per second plus the burst of 2 can share one second.
    expect(Math.max(...arrivals.map(([, n]) => n))).toBeLessThanOrEqual(4);
    expect(arrivals.at(-1)![0] - arrivals[0]![0]).toBeGreaterThanOrEqual(4);
  }, 120_000);
});

describe('batch mode', () => {
  it('uploads JSONL, polls, ingests exactly once', async () => {
    await startWorker({ concurrency: 4, batchPollSeconds: 0.3 });
    const datasetId = await seedDataset('ds', 10);
    const endpointId = await seedEndpoint(fake.server.url, { supportsN: true });
    const run = await startGenerationRun({ datasetId, endpointId, n: 3, batch: true });
    expect((await waitForRunEnd(run.id, 30_000)).status).toBe('completed');
    // The last ingested write closes the run; the batch is marked ingested right after it.
    const p = await waitFor(async () => {
      const q = await getRunProgress(run.id);
      return q?.batches.every((b) => b.ingested) && q;
    }, 10_000, 'the batch marked ingested');
    expect(await runFacts(run.id)).toMatchObject({ candidates: 30, distinct_samples: 30 });
    expect(fake.server.stats().routes['POST /v1/batches']).toBe(1);
    expect(p.batches).toEqual([expect.objectContaining({ status: 'completed', requestCount: 10, ingested: true })]);
    // Batch price: half of the synchronous one.
    const c = await prisma.candidate.findFirstOrThrow({ where: { runId: run.id } });
    expect(c.costUsd).toBeCloseTo(((c.promptTokens! * 1 + c.completionTokens! * 2) / 1e6) * 0.5, 12);
  });

  it('survives a worker killed (-9) while the batch is in progress: a new worker completes it exactly once', async () => {
    fake.server.setOptions({ batchDurationMs: 4000 });
    const datasetId = await seedDataset('ds', 8);
    const endpointId = await seedEndpoint(fake.server.url, { supportsN: false });
    const run = await startGenerationRun({ datasetId, endpointId, n: 2, batch: true });
    const first = worker();
    await waitFor(
      async () => (await pgPool().query(`SELECT 1 FROM generation_batches WHERE run_id = $1 AND status = 'in_progress'`, [run.id])).rowCount,
      60_000,
      'batch in progress',
    );
    first.kill('SIGKILL');
    await exited(first);
    expect(first.signalCode).toBe('SIGKILL');
    expect((await prisma.generationRun.findUniqueOrThrow({ where: { id: run.id } })).status).toBe('running');
    worker();
    const p = await waitForRunEnd(run.id, 60_000);
    expect(p.status).toBe('completed');
    expect(await runFacts(run.id)).toMatchObject({ candidates: 16, distinct_samples: 16 });
    expect(fake.server.stats().routes['POST /v1/batches']).toBe(1);
    expect(fake.server.stats().routes['POST /v1/files']).toBe(1);
  }, 150_000);

  it('batch lines that fail with a retryable error go into a second round', async () => {
    fake.server.setOptions({ batchDurationMs: 500, batchErrorRate: 0.3 });
    await startWorker({ concurrency: 4, batchPollSeconds: 0.2 });
    const datasetId = await seedDataset('ds', 20);
    const endpointId = await seedEndpoint(fake.server.url, { supportsN: true });
    // 30 % of lines fail each round: with the default 6 rounds a line fails for good with p = 0.3^6,
    // so 20 lines sink the run ~1.5 % of the time. 12 rounds make that ~1e-5.
    const run = await startGenerationRun({ datasetId, endpointId, n: 2, batch: true, maxAttempts: 12 });
    const p = await waitForRunEnd(run.id, 30_000);
    expect(p.status).toBe('completed');
    expect(p.candidates).toBe(40);
    expect(fake.server.stats().routes['POST /v1/batches']).toBeGreaterThanOrEqual(2);
    expect(p.errors.find((e) => e.kind === 'server')?.retries).toBeGreaterThan(0);
  });
});
