// Helpers for the generation integration tests and the benchmark (not used by the app).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { prisma } from '../db/client';
import { pgPool } from '../db/pool';
import { getRunProgress } from './get-run-progress';
import { isFinished, type RunProgressDto } from './run-dto';

export async function seedDataset(name: string, prompts: number): Promise<number> {
  const ds = await prisma.dataset.create({ data: { name } });
  const rows = Array.from({ length: prompts }, (_, i) => {
    const text = `Question ${i}: what is ${i} + ${i}?`;
    return { datasetId: ds.id, externalId: `q${i}`, messages: [{ role: 'user', content: text }], searchText: text };
  });
  for (let i = 0; i < rows.length; i += 5000) await prisma.prompt.createMany({ data: rows.slice(i, i + 5000) });
  return ds.id;
}

export async function seedEndpoint(baseUrl: string, opts: { name?: string; maxConcurrency?: number; rpm?: number; tpm?: number; supportsN?: boolean | null; priceIn?: number; priceOut?: number } = {}) {
  const e = await prisma.endpoint.create({
    data: {
      name: opts.name ?? 'fake',
      baseUrl,
      model: 'fake-model',
      maxConcurrency: opts.maxConcurrency ?? 8,
      rpm: opts.rpm ?? null,
      tpm: opts.tpm ?? null,
      supportsN: opts.supportsN ?? null,
      priceInPerM: opts.priceIn ?? 1,
      priceOutPerM: opts.priceOut ?? 2,
    },
  });
  return e.id;
}

/** Queue jobs survive resetDatabase() (another schema); tests start from an empty queue. */
export async function clearQueue() {
  await pgPool().query(`DO $$ BEGIN IF to_regclass('pgboss.job') IS NOT NULL THEN DELETE FROM pgboss.job; END IF; END $$`);
}

export async function waitForRunEnd(runId: number, timeoutMs = 60_000): Promise<RunProgressDto> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const p = await getRunProgress(runId);
    if (p && isFinished(p.status)) return p;
    if (Date.now() > deadline) throw new Error(`run ${runId} did not finish in ${timeoutMs} ms: ${JSON.stringify(p)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Facts a test checks after a run: candidates per prompt, duplicates, and counters vs rows. */
export async function runFacts(runId: number) {
  const { rows } = await pgPool().query(
    `SELECT (SELECT count(*)::int FROM candidates WHERE run_id = $1) AS candidates,
            (SELECT count(*)::int FROM (SELECT DISTINCT prompt_id, sample_index FROM candidates WHERE run_id = $1) d) AS distinct_samples,
            (SELECT count(*)::int FROM candidates WHERE run_id = $1 AND (sample_index < 0 OR sample_index >= (SELECT (params->>'n')::int FROM generation_runs WHERE id = $1))) AS out_of_range,
            (SELECT coalesce(sum(prompt_tokens), 0)::int FROM candidates WHERE run_id = $1) AS prompt_tokens,
            (SELECT coalesce(sum(completion_tokens), 0)::int FROM candidates WHERE run_id = $1) AS completion_tokens,
            (SELECT count(*)::int FROM generation_run_prompts WHERE run_id = $1 AND status = 'failed') AS failed_prompts,
            (SELECT count(*)::int FROM generation_run_prompts WHERE run_id = $1 AND status = 'failed' AND (error IS NULL OR error_kind IS NULL)) AS failed_without_reason,
            (SELECT count(*)::int FROM generation_run_prompts WHERE run_id = $1 AND status = 'pending') AS pending_prompts`,
    [runId],
  );
  return rows[0] as {
    candidates: number;
    distinct_samples: number;
    out_of_range: number;
    prompt_tokens: number;
    completion_tokens: number;
    failed_prompts: number;
    failed_without_reason: number;
    pending_prompts: number;
  };
}

/** A worker in its own process (`lib/jobs/worker-main.ts`), as `npm run worker` starts it. */
export function spawnWorker(env: Record<string, string> = {}, args: string[] = []): ChildProcess & { output: () => string } {
  // node with tsx's loader, not the tsx CLI: the CLI runs the script in a grandchild, which a
  // SIGKILL of the child would leave running.
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', path.resolve('lib/jobs/worker-main.ts'), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return Object.assign(child, { output: () => out });
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((r) => child.once('exit', (code) => r(code)));
}
