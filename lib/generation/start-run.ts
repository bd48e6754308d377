import 'server-only';
import { randomUUID } from 'node:crypto';
import { enqueueBatchSubmit, enqueueChunks } from '../jobs/enqueue';
import { pgPool } from '../db/pool';
import { RunError } from './errors';
import { getRunProgress } from './get-run-progress';
import type { RunProgressDto } from './run-dto';
import { startRunInputSchema, toRunParams, type StartRunInput } from './schemas';
import { withTransaction } from '../db/with-transaction';

/** A prompt is unsolved when nothing of it is accepted or approved yet (by the policy or a curator). */
const UNSOLVED = `AND p.accepted_count = 0
  AND NOT EXISTS (SELECT 1 FROM candidates c WHERE c.prompt_id = p.id AND c.final_status IN ('accepted', 'approved'))`;

/**
 * Creates a generation run over the dataset's prompts (or only the unsolved ones) and enqueues its
 * work, all in one transaction: either the run exists with its jobs, or nothing does.
 * Throws RunError for bad input (unknown dataset or endpoint, invalid params).
 */
export async function startGenerationRun(input: StartRunInput): Promise<RunProgressDto> {
  const parsed = startRunInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RunError(`${issue.path.join('.') || 'input'}: ${issue.message}`);
  }
  const { datasetId, endpointId, createdById, ...rest } = parsed.data;
  const params = toRunParams(rest);

  const pool = pgPool();
  const [ds, ep] = await Promise.all([
    pool.query<{ id: number }>('SELECT id FROM datasets WHERE id = $1', [datasetId]),
    pool.query<{ id: number; supports_n: boolean | null }>('SELECT id, supports_n FROM endpoints WHERE id = $1', [endpointId]),
  ]);
  if (!ds.rowCount) throw new RunError(`No dataset with id ${datasetId}.`);
  const endpoint = ep.rows[0];
  if (!endpoint) throw new RunError(`No endpoint with id ${endpointId}.`);

  const key = randomUUID();
  const runId = await withTransaction(async (client) => {
    const run = await client.query<{ id: number }>(
      `INSERT INTO generation_runs (dataset_id, endpoint_id, kind, params, status, job_key, created_by_id)
       VALUES ($1, $2, 'generate', $3, 'queued', $4, $5) RETURNING id`,
      [datasetId, endpointId, JSON.stringify(params), key, createdById ?? null],
    );
    const id = run.rows[0]!.id;
    const prompts = await client.query<{ prompt_id: number }>(
      `INSERT INTO generation_run_prompts (run_id, prompt_id)
       SELECT $1, p.id FROM prompts p WHERE p.dataset_id = $2 ${params.onlyUnsolved ? UNSOLVED : ''} ORDER BY p.id
       RETURNING prompt_id`,
      [id, datasetId],
    );
    const promptIds = prompts.rows.map((r) => r.prompt_id);
    if (!promptIds.length) {
      await client.query(`UPDATE generation_runs SET status = 'completed', started_at = now(), finished_at = now() WHERE id = $1`, [id]);
      return id;
    }
    await client.query('UPDATE generation_runs SET total_prompts = $2 WHERE id = $1', [id, promptIds.length]);
    if (params.batch) await enqueueBatchSubmit(client, { runId: id, key });
    else {
      const requestsPerPrompt = endpoint.supports_n === true ? 1 : params.n;
      await enqueueChunks(client, { endpointId, runId: id, key, promptIds, requestsPerPrompt });
    }
    return id;
  });
  return (await getRunProgress(runId))!;
}
