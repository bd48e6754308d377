import 'server-only';
import { pgPool } from '../db/pool';
import type { RunBatchDto, RunErrorTallyDto, RunProgressDto, RunStatus, RunSummaryDto } from './run-dto';
import { readRunParams } from './schemas';

export const RUN_COLUMNS = `r.id, r.dataset_id, r.endpoint_id, e.name AS endpoint_name, r.model, r.status, r.params,
  r.total_prompts, r.done_prompts, r.failed_prompts, r.candidate_count, r.prompt_tokens, r.completion_tokens,
  r.cost_usd, r.error, r.created_at, r.started_at, r.finished_at`;

export interface RunRow {
  id: number;
  dataset_id: number;
  endpoint_id: number | null;
  endpoint_name: string | null;
  model: string | null;
  status: RunStatus;
  params: unknown;
  total_prompts: number;
  done_prompts: number;
  failed_prompts: number;
  candidate_count: number;
  prompt_tokens: string;
  completion_tokens: string;
  cost_usd: number;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export function toSummary(r: RunRow): RunSummaryDto {
  return {
    id: r.id,
    datasetId: r.dataset_id,
    endpointId: r.endpoint_id,
    endpointName: r.endpoint_name,
    model: r.model,
    status: r.status,
    params: readRunParams(r.params),
    totalPrompts: r.total_prompts,
    donePrompts: r.done_prompts,
    failedPrompts: r.failed_prompts,
    candidates: r.candidate_count,
    costUsd: Math.round(r.cost_usd * 1e6) / 1e6,
    error: r.error,
    createdAt: r.created_at.toISOString(),
    startedAt: r.started_at?.toISOString() ?? null,
    finishedAt: r.finished_at?.toISOString() ?? null,
  };
}

/** Progress snapshot of one run (cheap: counters on the run row plus two small tallies), or null. */
export async function getRunProgress(runId: number): Promise<RunProgressDto | null> {
  const pool = pgPool();
  const [run, errors, batches] = await Promise.all([
    pool.query<RunRow & { now: Date }>(`SELECT ${RUN_COLUMNS}, now() AS now FROM generation_runs r LEFT JOIN endpoints e ON e.id = r.endpoint_id WHERE r.id = $1`, [runId]),
    pool.query<{ kind: string; retries: number; failures: number; last_message: string | null }>(
      'SELECT kind, retries, failures, last_message FROM generation_run_errors WHERE run_id = $1 ORDER BY failures DESC, retries DESC, kind',
      [runId],
    ),
    pool.query<{ batch_id: string | null; status: string; request_count: number; completed_count: number; failed_count: number; ingested_at: Date | null }>(
      'SELECT batch_id, status, request_count, completed_count, failed_count, ingested_at FROM generation_batches WHERE run_id = $1 ORDER BY id',
      [runId],
    ),
  ]);
  const r = run.rows[0];
  if (!r) return null;
  const summary = toSummary(r);
  const expected = summary.totalPrompts * summary.params.n;
  const end = r.finished_at ?? r.now;
  const seconds = r.started_at ? Math.max(0.001, (end.getTime() - r.started_at.getTime()) / 1000) : 0;
  const rate = seconds > 0 ? summary.candidates / seconds : 0;
  const finished = r.status === 'completed' || r.status === 'failed' || r.status === 'cancelled';
  // Failed prompts will not get their missing candidates: they do not count as work left.
  const left = Math.max(0, expected - summary.candidates - summary.failedPrompts * summary.params.n);
  return {
    ...summary,
    pendingPrompts: Math.max(0, summary.totalPrompts - summary.donePrompts - summary.failedPrompts),
    expectedCandidates: expected,
    promptTokens: Number(r.prompt_tokens),
    completionTokens: Number(r.completion_tokens),
    candidatesPerSecond: Math.round(rate * 10) / 10,
    etaSeconds: finished ? null : rate > 0 ? Math.ceil(left / rate) : null,
    errors: errors.rows.map((e): RunErrorTallyDto => ({ kind: e.kind, retries: e.retries, failures: e.failures, lastMessage: e.last_message })),
    batches: batches.rows.map(
      (b): RunBatchDto => ({
        batchId: b.batch_id,
        status: b.status,
        requestCount: b.request_count,
        completedCount: b.completed_count,
        failedCount: b.failed_count,
        ingested: b.ingested_at !== null,
      }),
    ),
  };
}
