import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pgPool } from '../db/pool';
import { prisma } from '../db/client';
import { startWorker, stopWorker } from '../jobs/worker';
import { cancelRun, resumeRun, retryFailed } from './manage-run';
import { startGenerationRun } from './start-run';
import { startFakeOpenAI } from '../testing/fake-openai';
import { setupFakeServerAndCleanDatabase } from './fake-server-hooks';
import { runFacts, seedDataset, seedEndpoint, waitFor, waitForRunEnd } from './test-fixtures';

const fake = setupFakeServerAndCleanDatabase({ supportsN: true, latencyMs: 0, rate429: 0, rate500: 0, rateHang: 0, rateGarbage: 0, rate400: 0, scriptedFaults: [], retryAfterSec: 1 });

beforeEach(async () => {
  await startWorker({ concurrency: 16 });
});
afterEach(async () => {
  await stopWorker();
});

describe('generation runs against the fake server', () => {
  it('n endpoint: one request per prompt, exactly prompts × N candidates, usage and cost add up', async () => {
    const datasetId = await seedDataset('ds', 20);
    const endpointId = await seedEndpoint(fake.server.url);
    const started = await startGenerationRun({ datasetId, endpointId, n: 4, temperature: 0.7, maxTokens: 64 });
    expect(started.status).toBe('running'); // this process's worker claimed its first jobs in the creating transaction
    expect(started.totalPrompts).toBe(20);
    const p = await waitForRunEnd(started.id);
    expect(p.status).toBe('completed');
    const f = await runFacts(started.id);
    expect(f).toMatchObject({ candidates: 80, distinct_samples: 80, out_of_range: 0, pending_prompts: 0, failed_prompts: 0 });
    expect(p.candidates).toBe(80);
    expect(p.donePrompts).toBe(20);
    const stats = fake.server.stats();
    expect(stats.requests).toBe(20);
    expect(p.promptTokens).toBe(stats.promptTokens);
    expect(p.completionTokens).toBe(stats.completionTokens);
    expect(p.promptTokens).toBe(f.prompt_tokens);
    expect(p.costUsd).toBeCloseTo((stats.promptTokens * 1 + stats.completionTokens * 2) / 1e6, 5);
    expect((await prisma.endpoint.findUniqueOrThrow({ where: { id: endpointId } })).supportsN).toBe(true);
    const c = await prisma.candidate.findFirstOrThrow({ where: { runId: started.id } });
    expect(c).toMatchObject({ model: 'fake-model', datasetId, finishReason: expect.any(String) });
    expect(c.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(c.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('endpoint that ignores n: learns it, then one request per sample; exactly prompts × N', async () => {
    fake.server.setOptions({ supportsN: false });
    const datasetId = await seedDataset('ds', 12);
    const endpointId = await seedEndpoint(fake.server.url);
    const run = await startGenerationRun({ datasetId, endpointId, n: 3 });
    const p = await waitForRunEnd(run.id);
    expect(p.status).toBe('completed');
    expect(await runFacts(run.id)).toMatchObject({ candidates: 36, distinct_samples: 36, out_of_range: 0 });
    expect((await prisma.endpoint.findUniqueOrThrow({ where: { id: endpointId } })).supportsN).toBe(false);
    // Each prompt's first request asked for n=3 and got one choice; the other two went one by one.
    expect(fake.server.stats().requests).toBe(36);
  });

  it('faults (429 with Retry-After, 500, hangs past the timeout, garbage): every sample generated or failed with a reason', async () => {
    fake.server.setOptions({ supportsN: false, rate429: 0.15, rate500: 0.1, rateHang: 0.05, rateGarbage: 0.05, retryAfterSec: 0.05 });
    const datasetId = await seedDataset('ds', 30);
    const endpointId = await seedEndpoint(fake.server.url, { supportsN: false, maxConcurrency: 16 });
    const run = await startGenerationRun({ datasetId, endpointId, n: 4, timeoutMs: 300, maxAttempts: 3 });
    const p = await waitForRunEnd(run.id);
    const f = await runFacts(run.id);
    expect(f.distinct_samples).toBe(f.candidates);
    expect(f.pending_prompts).toBe(0);
    expect(f.failed_without_reason).toBe(0);
    expect(p.donePrompts + p.failedPrompts).toBe(30);
    // A done prompt has all 4; a failed one is missing at least one sample.
    const { rows } = await pgPool().query(
      `SELECT rp.status, count(c.id)::int AS n FROM generation_run_prompts rp LEFT JOIN candidates c ON c.run_id = rp.run_id AND c.prompt_id = rp.prompt_id
       WHERE rp.run_id = $1 GROUP BY rp.prompt_id, rp.status`,
      [run.id],
    );
    for (const r of rows) expect(r.status === 'done' ? r.n === 4 : r.n < 4).toBe(true);
    const kinds = Object.fromEntries(p.errors.map((e) => [e.kind, e.retries]));
    expect(kinds.rate_limit).toBeGreaterThan(0);
    expect(kinds.server).toBeGreaterThan(0);
    expect(kinds.timeout).toBeGreaterThan(0);
    expect(kinds.garbage).toBeGreaterThan(0);
    expect(p.status).toBe(p.failedPrompts ? 'failed' : 'completed');
  });

  it('a 400 is not retried and its message is recorded', async () => {
    fake.server.setOptions({ scriptedFaults: ['400'] });
    const datasetId = await seedDataset('ds', 3);
    const endpointId = await seedEndpoint(fake.server.url, { supportsN: true, maxConcurrency: 1 });
    const run = await startGenerationRun({ datasetId, endpointId, n: 2 });
    const p = await waitForRunEnd(run.id);
    expect(fake.server.stats().requests).toBe(3);
    expect(p.status).toBe('failed');
    expect(p.failedPrompts).toBe(1);
    expect(p.candidates).toBe(4);
    expect(p.error).toMatch(/1 of 3 prompts failed \(bad_request ×1\): .*Invalid value for 'messages'/);
    const failed = await prisma.generationRunPrompt.findFirstOrThrow({ where: { runId: run.id, status: 'failed' } });
    expect(failed).toMatchObject({ errorKind: 'bad_request', attempts: 1 });
    expect(p.errors).toEqual([expect.objectContaining({ kind: 'bad_request', retries: 0, failures: 2 })]);

    // retry-failed: only the failed prompt is asked again.
    const again = await retryFailed(run.id);
    expect(again.status).toBe('queued');
    const done = await waitForRunEnd(run.id);
    expect(done.status).toBe('completed');
    expect(done.candidates).toBe(6);
    expect(fake.server.stats().requests).toBe(4);
  });

  it('cancel stops the run; resume finishes it exactly', async () => {
    fake.server.setOptions({ latencyMs: 100 });
    const datasetId = await seedDataset('ds', 40);
    const endpointId = await seedEndpoint(fake.server.url, { supportsN: false, maxConcurrency: 4 });
    const run = await startGenerationRun({ datasetId, endpointId, n: 2 });
    await waitFor(async () => (await runFacts(run.id)).candidates >= 8, 20_000, 'some candidates');
    const cancelled = await cancelRun(run.id);
    expect(cancelled.status).toBe('cancelled');
    // In-flight requests are aborted and what had arrived is written; then nothing moves.
    const settled = async () => {
      const before = (await runFacts(run.id)).candidates;
      await new Promise((r) => setTimeout(r, 500));
      return (await runFacts(run.id)).candidates === before;
    };
    await waitFor(settled, 10_000, 'writes to stop');
    const frozen = (await runFacts(run.id)).candidates;
    await new Promise((r) => setTimeout(r, 1000));
    expect((await runFacts(run.id)).candidates).toBe(frozen);
    expect(frozen).toBeLessThan(80);
    expect(fake.server.stats().inFlight).toBe(0);

    await resumeRun(run.id);
    const p = await waitForRunEnd(run.id);
    expect(p.status).toBe('completed');
    expect(await runFacts(run.id)).toMatchObject({ candidates: 80, distinct_samples: 80 });
    expect(p.candidates).toBe(80);
    expect(p.donePrompts).toBe(40);
  });

  it('only unsolved prompts, and an empty selection completes at once', async () => {
    const datasetId = await seedDataset('ds', 4);
    const endpointId = await seedEndpoint(fake.server.url, { supportsN: true });
    const first = await startGenerationRun({ datasetId, endpointId, n: 1 });
    await waitForRunEnd(first.id);
    const solved = await prisma.candidate.findFirstOrThrow({ where: { runId: first.id } });
    await prisma.candidate.update({ where: { id: solved.id }, data: { finalStatus: 'approved' } });
    const second = await startGenerationRun({ datasetId, endpointId, n: 1, onlyUnsolved: true });
    expect(second.totalPrompts).toBe(3);
    await prisma.prompt.updateMany({ where: { datasetId }, data: { acceptedCount: 1 } });
    const third = await startGenerationRun({ datasetId, endpointId, n: 1, onlyUnsolved: true });
    expect(third).toMatchObject({ totalPrompts: 0, status: 'completed' });
  });

  it('an API key the endpoint refuses fails the run with the (redacted) reason', async () => {
    fake.server.setOptions({});
    const keyed = await startFakeOpenAI({ apiKey: 'sk-right-key-123456' });
    try {
      process.env.WINNOW_TEST_KEY = 'sk-wrong-key-abcdefghijkl';
      const datasetId = await seedDataset('ds', 5);
      const endpointId = await seedEndpoint(keyed.url, { supportsN: true });
      await prisma.endpoint.update({ where: { id: endpointId }, data: { apiKeyEnv: 'WINNOW_TEST_KEY' } });
      const run = await startGenerationRun({ datasetId, endpointId, n: 2 });
      const p = await waitForRunEnd(run.id);
      expect(p.status).toBe('failed');
      expect(p.error).toMatch(/refused the API key/);
      expect(JSON.stringify(p)).not.toContain('sk-wrong-key-abcdefghijkl');
    } finally {
      delete process.env.WINNOW_TEST_KEY;
      await keyed.close();
    }
  });
});
