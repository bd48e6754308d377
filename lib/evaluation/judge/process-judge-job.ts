import 'server-only';
import type pg from 'pg';
import { pgPool } from '../../db/pool';
import { withTransaction } from '../../db/with-transaction';
import { normalizeMessages } from '../../prompts/text';
import { getEvaluatorDefinition, parseEvaluatorConfig } from '../evaluators/registry';
import type { EvalCandidate, EvalPrompt, EvalResult, EvalRuntime } from '../evaluators/types';
import { REDERIVE_LOCK_SPACE, rederivePrompts } from '../rederive-dataset';
import type { JudgeJob } from './queue';
import { sanitizeResult, writeScores } from './write-scores';

export type JudgeJobOutcome =
  | { status: 'done'; scored: number; errors: number }
  /** The evaluator was deleted or its config changed since the job was queued. */
  | { status: 'stale' }
  /** Stopped (worker shutting down) before writing: hand the job back. */
  | { status: 'interrupted' };

interface Cand extends EvalCandidate {
  promptId: number;
  scored: boolean;
}

async function endpointLookup(pool: pg.Pool, name: string) {
  const { rows } = await pool.query<{ id: number; name: string; baseUrl: string; model: string; apiKeyEnv: string | null }>(
    'SELECT id, name, base_url AS "baseUrl", model, api_key_env AS "apiKeyEnv" FROM endpoints WHERE name = $1',
    [name],
  );
  return rows[0] ?? null;
}

/**
 * One judge job: runs one evaluator over a chunk of prompts, upserts the scores (idempotent by
 * (candidate, evaluator)) and re-derives those prompts' verdicts, all in one transaction. An evaluator
 * that throws records an error row per candidate (never a score); database errors throw (the job retries).
 */
export async function processJudgeJob(job: JudgeJob, opts: { signal?: AbortSignal } = {}): Promise<JudgeJobOutcome> {
  const pool = pgPool();
  const signal = opts.signal ?? new AbortController().signal;
  const ev = await pool.query<{ kind: string; config: unknown }>(
    'SELECT kind, config FROM evaluators WHERE id = $1 AND dataset_id = $2 AND md5(config::text) = $3',
    [job.evaluatorId, job.datasetId, job.version],
  );
  if (!ev.rows[0]) return { status: 'stale' };
  const { kind, config } = ev.rows[0];

  const [promptRows, candRows] = await Promise.all([
    pool.query<{ id: number; external_id: string; messages: unknown; reference: unknown }>(
      'SELECT id, external_id, messages, reference FROM prompts WHERE dataset_id = $1 AND id = ANY($2::int[]) ORDER BY id',
      [job.datasetId, job.promptIds],
    ),
    pool.query<Cand>(
      `SELECT c.id, c.prompt_id AS "promptId", c.sample_index AS "sampleIndex", c.run_id AS "runId", c.content,
              c.content_hash AS "contentHash", c.model, c.completion_tokens AS "completionTokens",
              (s.candidate_id IS NOT NULL AND (s.error IS NULL OR s.raw_value IS NOT NULL)) AS scored
       FROM candidates c LEFT JOIN scores s ON s.candidate_id = c.id AND s.evaluator_id = $2
       WHERE c.prompt_id = ANY($1::int[]) ORDER BY c.prompt_id, c.sample_index, c.run_id, c.id`,
      [job.promptIds, job.evaluatorId],
    ),
  ]);
  const byPrompt = new Map<number, Cand[]>();
  for (const c of candRows.rows) byPrompt.set(c.promptId, [...(byPrompt.get(c.promptId) ?? []), c]);

  const def = getEvaluatorDefinition(kind);
  const parsed = def ? parseEvaluatorConfig(kind, config) : null;
  const rt: EvalRuntime = { endpoint: (name) => endpointLookup(pool, name), signal };
  const results: EvalResult[] = [];
  await Promise.all(
    promptRows.rows.map(async (p) => {
      const all = byPrompt.get(p.id) ?? [];
      const todo = all.filter((c) => !c.scored);
      if (!todo.length) return;
      const wholePrompt = typeof def?.wholePrompt === 'function' ? parsed!.ok && def.wholePrompt(parsed!.config) : def?.wholePrompt;
      const passed = wholePrompt ? all : todo;
      const fail = (message: string) => passed.forEach((c) => results.push({ candidateId: c.id, value: null, passed: null, error: message }));
      if (!def) return fail(`evaluator kind "${kind}" is not available in this version of Winnow`);
      if (!parsed!.ok) return fail(parsed!.message);
      const prompt: EvalPrompt = { id: p.id, externalId: p.external_id, messages: normalizeMessages(p.messages), reference: p.reference ?? null };
      const candidates: EvalCandidate[] = passed.map(({ promptId: _p, scored: _s, ...c }) => c);
      try {
        const out = await def.evaluate({ prompt, candidates, config: parsed!.config }, rt);
        const ids = new Set(candidates.map((c) => c.id));
        const got = new Set<number>();
        for (const r of out) {
          if (!ids.has(r.candidateId) || got.has(r.candidateId)) continue; // not ours, or a second result
          got.add(r.candidateId);
          results.push(sanitizeResult(r));
        }
        for (const c of todo) if (!got.has(c.id)) results.push({ candidateId: c.id, value: null, passed: null, error: 'the evaluator returned no result for this candidate' });
      } catch (e) {
        if (!signal.aborted) fail(((e as Error).message || String(e)).slice(0, 2000));
      }
    }),
  );
  if (signal.aborted) return { status: 'interrupted' };

  const written = await withTransaction(async (client) => {
    // The dataset's re-derivation lock first: a full re-derivation updating these candidates must not
    // wait on rows this transaction locked while it waits for that lock.
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [REDERIVE_LOCK_SPACE, job.datasetId]);
    // Holds the evaluator row against a concurrent config change until our scores are in (that change
    // then deletes them); a job whose config changed meanwhile writes nothing.
    const still = await client.query('SELECT 1 FROM evaluators WHERE id = $1 AND md5(config::text) = $2 FOR SHARE', [job.evaluatorId, job.version]);
    if (!still.rowCount) return false;
    await writeScores(client, job.evaluatorId, results);
    await rederivePrompts(client, job.datasetId, [...byPrompt.keys()]);
    return true;
  });
  if (!written) return { status: 'stale' };
  const errors = results.filter((r) => r.error != null).length;
  return { status: 'done', scored: results.length - errors, errors };
}
