import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pgPool } from '../db/pool';
import { withTransaction } from '../db/with-transaction';
import { loadEndpointConfig } from '../generation/endpoint-config';
import { setupFakeServerAndCleanDatabase } from '../generation/fake-server-hooks';
import { readRunParams } from '../generation/schemas';
import { startGenerationRun } from '../generation/start-run';
import { runFacts, seedDataset, seedEndpoint, waitFor, waitForRunEnd } from '../generation/test-fixtures';
import { enqueueChunks } from './enqueue';
import { startWorker, stopWorker, type GenerationWorker } from './worker';

// A run created in a process with a worker: that worker claims the first jobs, their slots and
// their prompts inside the creating transaction and starts their requests before it commits.

const fake = setupFakeServerAndCleanDatabase({ supportsN: true, latencyMs: 150, rate429: 0, rate500: 0, rateHang: 0, rateGarbage: 0, rate400: 0, scriptedFaults: [] });
let worker: GenerationWorker;

beforeEach(async () => {
  worker = await startWorker({ concurrency: 4 });
});
afterEach(async () => {
  await stopWorker();
});

const leasesOf = async (endpointId: number, workerId: string) =>
  (await pgPool().query('SELECT count(*)::int AS n FROM endpoint_leases WHERE endpoint_id = $1 AND worker_id = $2', [endpointId, workerId])).rows[0].n as number;

describe('first jobs claimed in the transaction that creates the run', () => {
  it('claims jobs and slots within the caps as the run commits, and the run ends exact', async () => {
    const datasetId = await seedDataset('ds', 40);
    const endpointId = await seedEndpoint(fake.server.url, { supportsN: true, maxConcurrency: 3 });
    const run = await startGenerationRun({ datasetId, endpointId, n: 4 });
    // Committed together with the run: it is running, this worker holds claims and slots.
    expect(run.status).toBe('running');
    const { rows: claims } = await pgPool().query('SELECT count(*)::int AS n FROM generation_job_claims WHERE worker_id = $1', [worker.id]);
    expect(claims[0].n).toBeGreaterThan(0);
    const held = await leasesOf(endpointId, worker.id);
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThanOrEqual(3); // the endpoint's max, below the worker's own cap of 4
    await waitFor(async () => fake.server.stats().requests > 0, 5000, 'first requests');
    expect(fake.server.stats().peakInFlight).toBeLessThanOrEqual(3);

    const p = await waitForRunEnd(run.id);
    expect(p.status).toBe('completed');
    expect(await runFacts(run.id)).toMatchObject({ candidates: 160, distinct_samples: 160, out_of_range: 0, pending_prompts: 0 });
    expect(p.candidates).toBe(160);
    expect(fake.server.stats().requests).toBe(40);
    expect(fake.server.stats().peakInFlight).toBeLessThanOrEqual(3);
  });

  it('a creating transaction that rolls back after the claim: requests aborted, nothing written, slots free, the worker carries on', async () => {
    fake.server.setOptions({ latencyMs: 2000 }); // answers come long after the rollback
    const datasetId = await seedDataset('ds', 8);
    const endpointId = await seedEndpoint(fake.server.url, { supportsN: true, maxConcurrency: 4 });
    const endpoint = (await loadEndpointConfig(pgPool(), endpointId))!;
    let settle!: { resolve: () => void; reject: (e: unknown) => void };
    const committed = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    let runId = 0;
    const failure = withTransaction(async (client) => {
      const key = 'k-rolled-back';
      const { rows } = await client.query(
        `INSERT INTO generation_runs (dataset_id, endpoint_id, kind, params, status, job_key) VALUES ($1, $2, 'generate', '{"n": 2}', 'queued', $3) RETURNING id`,
        [datasetId, endpointId, key],
      );
      runId = rows[0].id;
      const { rows: prompts } = await client.query('SELECT id FROM prompts WHERE dataset_id = $1 ORDER BY id', [datasetId]);
      const promptIds = prompts.map((p) => p.id as number);
      await client.query('INSERT INTO generation_run_prompts (run_id, prompt_id) SELECT $1, unnest($2::int[])', [runId, promptIds]);
      await enqueueChunks(client, { endpointId, runId, key, promptIds, requestsPerPrompt: 1, notify: false });
      const info = { id: runId, datasetId, endpointId, status: 'queued', jobKey: key, params: readRunParams({ n: 2 }) };
      const first = await worker.claimFirstJobs(client, info, endpoint);
      expect(first?.slots.length).toBe(4);
      worker.adoptFirstJobs(first!, committed);
      // Requests are in flight while the transaction is still open.
      await waitFor(async () => fake.server.stats().requests > 0, 5000, 'requests before the commit');
      throw new Error('rolled back on purpose');
    });
    const error = await failure.then(
      () => null,
      (e: Error) => e,
    );
    settle.reject(error); // as startGenerationRun does: the claimed chunks are abandoned
    expect(error?.message).toBe('rolled back on purpose');

    // Nothing of the run exists, nothing was written, and no slot stays leased.
    await new Promise((r) => setTimeout(r, 300)); // aborts and slot releases settle
    const { rows } = await pgPool().query(
      `SELECT (SELECT count(*)::int FROM generation_runs WHERE id = $1) AS runs, (SELECT count(*)::int FROM candidates) AS candidates,
              (SELECT count(*)::int FROM generation_job_claims) AS claims`,
      [runId],
    );
    expect(rows[0]).toEqual({ runs: 0, candidates: 0, claims: 0 });
    expect(await leasesOf(endpointId, worker.id)).toBe(0);
    expect(fake.server.stats().outcomes.ok ?? 0).toBe(0); // aborted before the fake answered

    // The same worker then runs a real run on the same endpoint, with all of its slots.
    fake.server.setOptions({ latencyMs: 20 });
    const run = await startGenerationRun({ datasetId, endpointId, n: 2 });
    const p = await waitForRunEnd(run.id);
    expect(p.status).toBe('completed');
    expect(await runFacts(run.id)).toMatchObject({ candidates: 16, distinct_samples: 16, pending_prompts: 0 });
  });
});
