import 'server-only';
import { toFile } from 'openai';
import type OpenAI from 'openai';
import { enqueueBatchPoll } from '../../jobs/enqueue';
import type { BatchJob } from '../../jobs/queues';
import { redactSecrets } from '../../security/redact-secrets';
import { buildChatRequest, promptMessages } from '../build-request';
import { classifyError } from '../classify-error';
import type { EndpointConfig } from '../endpoint-config';
import { finalizeRun } from '../finalize-run';
import type { ChunkRuntime, RunInfo } from '../process-chunk';
import { formatCustomId, planLines, type BatchLineKey } from './custom-id';

/** OpenAI's limit per batch file. */
const MAX_LINES_PER_BATCH = 50_000;

export interface BatchOptions {
  pollSeconds: number;
}

/** The run, if this job is still its current one; marks it running. */
export async function currentRun(job: BatchJob, rt: ChunkRuntime): Promise<{ run: RunInfo; endpoint: EndpointConfig } | null> {
  const run = await rt.getRun(job.runId);
  if (!run || run.jobKey !== job.key || (run.status !== 'queued' && run.status !== 'running') || run.endpointId === null) return null;
  const endpoint = await rt.getEndpoint(run.endpointId);
  if (!endpoint) {
    await rt.failRun(run.id, 'The endpoint of this run was deleted.');
    return null;
  }
  if (run.status === 'queued') {
    await rt.pool.query(`UPDATE generation_runs SET status = 'running', started_at = COALESCE(started_at, now()) WHERE id = $1 AND status = 'queued'`, [run.id]);
  }
  return { run, endpoint };
}

/** Transient provider errors throw (pg-boss retries the job); permanent ones fail the run. */
export async function providerCall<T>(rt: ChunkRuntime, run: RunInfo, endpoint: EndpointConfig, what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const key = endpoint.apiKeyEnv ? process.env[endpoint.apiKeyEnv] : undefined;
    const c = classifyError(e, key ? [key] : []);
    const message = redactSecrets(c.message, [endpoint.apiKeyEnv]);
    if (c.retryable) throw new Error(`${what}: ${message}`);
    await rt.failRun(run.id, `${what} failed: ${message}`);
    throw new BatchAbandoned();
  }
}

export class BatchAbandoned extends Error {}

/**
 * Batches created at the provider but not recorded here (a worker died between the two) are found
 * again by the local key in their metadata; rows that never reached the provider are dropped.
 */
async function reconcileUnrecorded(rt: ChunkRuntime, run: RunInfo, client: OpenAI, endpoint: EndpointConfig) {
  const { rows } = await rt.pool.query<{ id: number; local_key: string }>('SELECT id, local_key FROM generation_batches WHERE run_id = $1 AND batch_id IS NULL', [run.id]);
  if (!rows.length) return;
  const wanted = new Map(rows.map((r) => [r.local_key, r.id]));
  let seen = 0;
  for await (const b of await providerCall(rt, run, endpoint, 'Listing batches', () => client.batches.list({ limit: 100 }))) {
    const key = (b.metadata as Record<string, string> | null)?.winnow_key;
    const id = key ? wanted.get(key) : undefined;
    if (id !== undefined) {
      await rt.pool.query('UPDATE generation_batches SET batch_id = $2, input_file_id = $3, status = $4, updated_at = now() WHERE id = $1', [id, b.id, b.input_file_id, b.status]);
      wanted.delete(key!);
    }
    if (!wanted.size || ++seen >= 1000) break;
  }
  if (wanted.size) await rt.pool.query('DELETE FROM generation_batches WHERE id = ANY($1::int[])', [[...wanted.values()]]);
}

/**
 * Submit job of a batch-mode run: writes the JSONL of every missing sample of the run's pending
 * prompts (one line per prompt with n when the endpoint honours n), uploads it, creates the
 * batch(es), records their ids on the run, and schedules the first poll. Idempotent: a re-run of
 * the same job finds its batches by their local key instead of creating them twice.
 */
export async function submitBatches(job: BatchJob, rt: ChunkRuntime, opts: BatchOptions) {
  const current = await currentRun(job, rt);
  if (!current) return;
  const { run, endpoint } = current;
  const client = rt.client(endpoint);
  try {
    await reconcileUnrecorded(rt, run, client, endpoint);
    const inFlight = await rt.pool.query('SELECT 1 FROM generation_batches WHERE run_id = $1 AND batch_id IS NOT NULL AND ingested_at IS NULL LIMIT 1', [run.id]);
    if (inFlight.rowCount) return await enqueueBatchPoll(rt.pool, job, 0);

    const { rows } = await rt.pool.query<{ prompt_id: number; messages: unknown; existing: number[] }>(
      `SELECT rp.prompt_id, p.messages,
              COALESCE((SELECT array_agg(c.sample_index) FROM candidates c WHERE c.run_id = rp.run_id AND c.prompt_id = rp.prompt_id), '{}') AS existing
       FROM generation_run_prompts rp JOIN prompts p ON p.id = rp.prompt_id
       WHERE rp.run_id = $1 AND rp.status = 'pending' ORDER BY rp.prompt_id`,
      [run.id],
    );
    const n = run.params.n;
    const lines: Array<{ key: BatchLineKey; messages: unknown }> = [];
    const complete: number[] = [];
    for (const r of rows) {
      const have = new Set(r.existing);
      const missing = Array.from({ length: n }, (_, i) => i).filter((i) => !have.has(i));
      if (!missing.length) complete.push(r.prompt_id);
      // Without a known "yes", one line per sample: a server that ignores n would answer 1 of N.
      for (const key of planLines(run.id, r.prompt_id, missing, endpoint.supportsN === true)) lines.push({ key, messages: r.messages });
    }
    for (const id of complete) await rt.writer.write(run, { promptId: id, candidates: [], settled: true, failure: null }, null);
    if (!lines.length) {
      await rt.writer.flush();
      await finalizeRun(run.id);
      return;
    }

    const round = job.round ?? 0;
    for (let part = 0; part * MAX_LINES_PER_BATCH < lines.length; part++) {
      const slice = lines.slice(part * MAX_LINES_PER_BATCH, (part + 1) * MAX_LINES_PER_BATCH);
      const localKey = `run${run.id}-${job.key}-round${round}-part${part}`;
      await rt.pool.query(
        `INSERT INTO generation_batches (run_id, local_key, request_count) VALUES ($1, $2, $3) ON CONFLICT (local_key) DO NOTHING`,
        [run.id, localKey, slice.length],
      );
      const existing = await rt.pool.query<{ batch_id: string | null }>('SELECT batch_id FROM generation_batches WHERE local_key = $1', [localKey]);
      if (existing.rows[0]?.batch_id) continue;

      const jsonl = slice
        .map(({ key, messages }) =>
          JSON.stringify({
            custom_id: formatCustomId(key),
            method: 'POST',
            url: '/v1/chat/completions',
            body: buildChatRequest({ model: endpoint.model, messages: promptMessages(messages), params: run.params, defaults: endpoint.defaultParams, n: key.count, firstSample: key.firstSample }),
          }),
        )
        .join('\n');
      const file = await providerCall(rt, run, endpoint, 'Uploading the batch file', async () =>
        client.files.create({ file: await toFile(Buffer.from(`${jsonl}\n`), `${localKey}.jsonl`), purpose: 'batch' }),
      );
      await rt.pool.query('UPDATE generation_batches SET input_file_id = $2, updated_at = now() WHERE local_key = $1', [localKey, file.id]);
      const batch = await providerCall(rt, run, endpoint, 'Creating the batch', () =>
        client.batches.create({
          input_file_id: file.id,
          endpoint: '/v1/chat/completions',
          completion_window: '24h',
          metadata: { winnow_key: localKey, winnow_run: String(run.id) },
        }),
      );
      await rt.pool.query('UPDATE generation_batches SET batch_id = $2, status = $3, updated_at = now() WHERE local_key = $1', [localKey, batch.id, batch.status]);
    }
    await enqueueBatchPoll(rt.pool, job, opts.pollSeconds);
  } catch (e) {
    if (e instanceof BatchAbandoned) return;
    throw e;
  }
}
