import 'server-only';
import type OpenAI from 'openai';
import type pg from 'pg';
import type { ChunkJob } from '../jobs/queues';
import { promptMessages } from './build-request';
import type { ClassifiedError } from './classify-error';
import type { EndpointConfig } from './endpoint-config';
import type { EndpointGate } from './endpoint-gate';
import { finalizeRun } from './finalize-run';
import { generatePrompt } from './generate-prompt';
import type { ResultWriter } from './result-writer';
import type { RunParams } from './schemas';

export interface RunInfo {
  id: number;
  datasetId: number;
  endpointId: number | null;
  status: string;
  jobKey: string;
  params: RunParams;
}

/** What a chunk needs from the worker that runs it. */
export interface ChunkRuntime {
  pool: pg.Pool;
  writer: ResultWriter;
  getRun(runId: number): Promise<RunInfo | null>;
  /** Aborts when the run's key or status changes (cancel, resume, retry) or the worker stops. */
  runSignal(runId: number, key: string): AbortSignal;
  getEndpoint(id: number): Promise<EndpointConfig | null>;
  gate(endpoint: EndpointConfig): EndpointGate;
  client(endpoint: EndpointConfig): OpenAI;
  learnedSupportsN(endpoint: EndpointConfig, value: boolean): void;
  failRun(runId: number, message: string): Promise<void>;
  /** Called with the number of requests a job will make, before it makes them. */
  loaded?(endpointId: number, requests: number): void;
}

export type ChunkResult = 'done' | 'skipped' | 'interrupted';

/**
 * What the transaction that created the run already read and did for a chunk claimed in it (see
 * lib/jobs/claim-first-jobs.ts): the run (marked running there), its endpoint and the prompts'
 * messages. A new run has no candidates and every prompt pending, so nothing is left to read.
 */
export interface ChunkPreload {
  run: RunInfo;
  endpoint: EndpointConfig;
  messages: Map<number, unknown>;
}

const LIVE = new Set(['queued', 'running']);

/**
 * Runs one chunk job: every pending prompt of the chunk gets its missing samples (those already
 * written by an earlier attempt are not asked again), and each prompt's outcome is written as soon
 * as it is known. Returns 'skipped' for a job of a finished, cancelled or re-keyed run, and
 * 'interrupted' when the run was cancelled or the worker is stopping midway (partial results are
 * written; the job must not be marked completed by a stopping worker).
 */
export async function processChunk(job: ChunkJob, rt: ChunkRuntime, preload?: ChunkPreload): Promise<ChunkResult> {
  const { run, rows, endpoint } = (preload && preloadedChunk(job, preload)) || (await loadChunk(job, rt));
  if (!run) return 'skipped';
  if (!endpoint) {
    await rt.failRun(run.id, 'The endpoint of this run was deleted.');
    return 'skipped';
  }
  // Nothing pending: an earlier attempt did it all; it may have died before closing the run.
  if (!rows.length) {
    await finalizeRun(run.id);
    return 'done';
  }
  const n = run.params.n;
  const signal = rt.runSignal(run.id, job.key);
  const gate = rt.gate(endpoint);
  const client = rt.client(endpoint);
  const runRef = { id: run.id, datasetId: run.datasetId };
  const ctx = {
    run: { ...runRef, params: run.params },
    endpoint,
    gate,
    client,
    signal,
    noteError: (kind: string, message: string, what: 'retry' | 'failure') => rt.writer.noteError(runRef, kind, message, what),
    learnedSupportsN: (v: boolean) => rt.learnedSupportsN(endpoint, v),
    fatal: (e: ClassifiedError) => void rt.failRun(run.id, `${e.kind === 'auth' ? 'The endpoint refused the API key' : 'The endpoint does not know the model'}: ${e.message}`),
  };

  const work = rows.map((r) => {
    const have = new Set(r.existing);
    const missing = Array.from({ length: n }, (_, i) => i).filter((i) => !have.has(i));
    return { id: r.prompt_id, messages: promptMessages(r.messages), missing };
  });
  rt.loaded?.(endpoint.id, work.reduce((s, w) => s + (endpoint.supportsN !== false && w.missing.length > 1 ? 1 : w.missing.length), 0));

  let interrupted = false;
  await Promise.all(
    work.map(async (w) => {
      if (!w.missing.length) {
        // Written by an earlier attempt that died before marking the prompt done.
        return rt.writer.write(runRef, { promptId: w.id, candidates: [], settled: true, failure: null }, null);
      }
      const { outcome, model } = await generatePrompt(ctx, w, w.missing);
      if (!outcome.settled) interrupted = true;
      if (outcome.settled || outcome.candidates.length) await rt.writer.write(runRef, outcome, model);
    }),
  );
  return interrupted || signal.aborted ? 'interrupted' : 'done';
}

interface PendingRow {
  prompt_id: number;
  messages: unknown;
  existing: number[];
}

interface LoadedChunk {
  /** Null: the job is stale (its run is finished, cancelled or re-keyed). */
  run: RunInfo | null;
  rows: PendingRow[];
  endpoint: EndpointConfig | null;
}

/** The chunk from what its creating transaction read, or null if that does not cover it. */
function preloadedChunk(job: ChunkJob, p: ChunkPreload): LoadedChunk | null {
  if (p.run.id !== job.runId || p.run.jobKey !== job.key || !job.promptIds.every((id) => p.messages.has(id))) return null;
  const rows = [...job.promptIds].sort((a, b) => a - b).map((id) => ({ prompt_id: id, messages: p.messages.get(id), existing: [] }));
  return { run: p.run, rows, endpoint: p.endpoint };
}

async function loadChunk(job: ChunkJob, rt: ChunkRuntime): Promise<LoadedChunk> {
  // The run and the chunk's pending prompts are read together (the read is harmless if the job
  // turns out stale), then the endpoint (usually cached) and the run's start, also together: each
  // round trip here delays the chunk's first request.
  const [run, { rows }] = await Promise.all([rt.getRun(job.runId), readPendingPrompts(rt.pool, job)]);
  if (!run || run.jobKey !== job.key || !LIVE.has(run.status) || run.endpointId === null) return { run: null, rows: [], endpoint: null };
  const [endpoint] = await Promise.all([
    rt.getEndpoint(run.endpointId),
    run.status === 'queued'
      ? rt.pool.query(`UPDATE generation_runs SET status = 'running', started_at = COALESCE(started_at, now()) WHERE id = $1 AND status = 'queued'`, [run.id])
      : null,
  ]);
  return { run, rows, endpoint };
}

function readPendingPrompts(pool: pg.Pool, job: ChunkJob) {
  return pool.query<PendingRow>(
    `SELECT rp.prompt_id, p.messages,
            COALESCE((SELECT array_agg(c.sample_index) FROM candidates c WHERE c.run_id = rp.run_id AND c.prompt_id = rp.prompt_id), '{}') AS existing
     FROM generation_run_prompts rp JOIN prompts p ON p.id = rp.prompt_id
     WHERE rp.run_id = $1 AND rp.prompt_id = ANY($2::int[]) AND rp.status = 'pending'
     ORDER BY rp.prompt_id`,
    [job.runId, job.promptIds],
  );
}
