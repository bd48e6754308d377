import 'server-only';
import type { EndpointConfig } from '../endpoint-config';
import type { ChunkRuntime, RunInfo } from '../process-chunk';
import type { CandidateRow, PromptFailure } from '../write-results';
import { parseOutputLine } from './parse-output-line';
import { readLines } from './read-lines';

const CHUNK_LINES = 2000;

/**
 * Ingests one output or error file of a batch, streamed, in chunks of lines. For each prompt a
 * chunk touches: candidates are written (ON CONFLICT DO NOTHING, so re-ingesting is harmless); the
 * prompt is done once it has all n samples, failed on a permanent error, and otherwise stays
 * pending for the next batch round.
 */
export async function ingestBatchFile(rt: ChunkRuntime, run: RunInfo, endpoint: EndpointConfig, res: Response) {
  const prices = { inputPerMillion: endpoint.priceInPerM, outputPerMillion: endpoint.priceOutPerM };
  const key = endpoint.apiKeyEnv ? process.env[endpoint.apiKeyEnv] : undefined;
  let chunk: string[] = [];
  for await (const line of readLines(res)) {
    chunk.push(line);
    if (chunk.length >= CHUNK_LINES) {
      await ingestLines(rt, run, chunk, prices, key ? [key] : []);
      chunk = [];
    }
  }
  if (chunk.length) await ingestLines(rt, run, chunk, prices, key ? [key] : []);
}

async function ingestLines(rt: ChunkRuntime, run: RunInfo, lines: string[], prices: { inputPerMillion: number | null; outputPerMillion: number | null }, secrets: string[]) {
  const byPrompt = new Map<number, { rows: CandidateRow[]; failure: (PromptFailure & { retryable: boolean }) | null; model: string | null }>();
  for (const text of lines) {
    const p = parseOutputLine(text, prices, secrets);
    if (!p || p.key.runId !== run.id) continue;
    const e = byPrompt.get(p.key.promptId) ?? { rows: [], failure: null, model: null };
    e.rows.push(...p.rows.filter((r) => r.sampleIndex < run.params.n));
    e.model ??= p.rows[0]?.model ?? null;
    if (p.failure) {
      const missing = p.key.count - p.rows.length;
      for (let i = 0; i < missing; i++) rt.writer.noteError(run, p.failure.kind, p.failure.message, p.failure.retryable ? 'retry' : 'failure');
      // A permanent error wins over a transient one: it decides the prompt.
      if (!e.failure || (!p.failure.retryable && e.failure.retryable)) e.failure = p.failure;
    }
    byPrompt.set(p.key.promptId, e);
  }
  if (!byPrompt.size) return;
  const { rows } = await rt.pool.query<{ prompt_id: number; existing: number[] }>(
    `SELECT prompt_id, array_agg(sample_index) AS existing FROM candidates WHERE run_id = $1 AND prompt_id = ANY($2::int[]) GROUP BY prompt_id`,
    [run.id, [...byPrompt.keys()]],
  );
  const existing = new Map(rows.map((r) => [r.prompt_id, new Set(r.existing)]));
  await Promise.all(
    [...byPrompt].map(([promptId, e]) => {
      const have = new Set([...(existing.get(promptId) ?? []), ...e.rows.map((r) => r.sampleIndex)]);
      const complete = have.size >= run.params.n;
      const permanent = e.failure && !e.failure.retryable ? { kind: e.failure.kind, message: e.failure.message, attempts: e.failure.attempts } : null;
      const settled = complete || permanent !== null;
      return rt.writer.write(run, { promptId, candidates: e.rows, settled, failure: complete ? null : permanent }, e.model);
    }),
  );
}
