import type { Command } from 'commander';
import { action, CliError, printJson, withDatabase } from '../run-command';

// `generate` starts a run; `runs …` lists, follows and steers runs. The lib functions are the ones
// the UI calls (lib/generation); --wait works with or without the app running (lib/jobs/wait-for-run).

type GenerateOptions = {
  dataset: string;
  endpoint: string;
  n: string;
  temperature?: string;
  topP?: string;
  maxTokens?: string;
  seed?: string;
  system?: string;
  onlyUnsolved?: boolean;
  batch?: boolean;
  timeout?: string;
  maxAttempts?: string;
  wait?: boolean;
  concurrency?: string;
};

type WaitOptions = { wait?: boolean; concurrency?: string };

/** Loads the server-only modules (and pg-boss) only when a command runs. */
async function lib() {
  const [start, progress, manage, list, errors, schemas, wait, boss, fmt, heartbeat, pool, endpoints] = await Promise.all([
    import('../../generation/start-run'),
    import('../../generation/get-run-progress'),
    import('../../generation/manage-run'),
    import('../../generation/list-runs'),
    import('../../generation/errors'),
    import('../../generation/schemas'),
    import('../../jobs/wait-for-run'),
    import('../../jobs/boss'),
    import('../../generation/format-progress'),
    import('../../jobs/heartbeat'),
    import('../../db/pool'),
    import('../../endpoints/manage-endpoints'),
  ]);
  return { ...start, ...progress, ...manage, ...list, ...errors, ...schemas, ...wait, ...boss, ...fmt, ...heartbeat, ...pool, ...endpoints };
}

/** withDatabase plus the queue's connections; RunError becomes a one-line CLI error. */
async function withQueue<T>(fn: (l: Awaited<ReturnType<typeof lib>>) => Promise<T>): Promise<T> {
  const l = await lib();
  return withDatabase(async () => {
    try {
      return await fn(l);
    } catch (e) {
      if (e instanceof l.RunError) throw new CliError(e.message);
      throw e;
    } finally {
      await l.stopBoss();
    }
  });
}

async function datasetId(name: string): Promise<number> {
  const { pgPool } = await import('../../db/pool');
  const { rows } = await pgPool().query<{ id: number }>('SELECT id FROM datasets WHERE name = $1', [name]);
  if (!rows[0]) throw new CliError(`no dataset named "${name}" (see: npm run winnow -- datasets list)`);
  return rows[0].id;
}

const kebab = (k: string) => k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Follows a run to its end: a self-overwriting bar on a terminal, a plain line every 5 s otherwise. */
async function follow(l: Awaited<ReturnType<typeof lib>>, runId: number, o: WaitOptions) {
  const tty = process.stderr.isTTY;
  let lastPlain = 0;
  let shown = false;
  const stop = new AbortController();
  const onSigint = () => stop.abort();
  process.once('SIGINT', onSigint);
  try {
    const p = await l.waitForRun(runId, {
      intervalMs: tty ? 500 : 1000,
      concurrency: o.concurrency ? Number(o.concurrency) : undefined,
      signal: stop.signal,
      log: (line) => {
        if (shown && tty) process.stderr.write('\r\x1b[2K');
        process.stderr.write(`${line}\n`);
      },
      onProgress: (p) => {
        if (tty) {
          const width = Math.max(40, (process.stderr.columns ?? 120) - 1);
          process.stderr.write(`\r\x1b[2K${l.formatProgress(p, { bar: true }).slice(0, width)}`);
          shown = true;
        } else if (Date.now() - lastPlain >= 5000) {
          lastPlain = Date.now();
          process.stderr.write(`${l.formatProgress(p)}\n`);
        }
      },
    });
    if (shown) process.stderr.write('\r\x1b[2K');
    if (stop.signal.aborted) throw new CliError(`stopped waiting; run ${runId} is ${p.status} (follow it with: npm run winnow -- runs status ${runId})`);
    console.log(l.formatProgress(p));
    if (p.status === 'failed') throw new CliError(`run ${runId} failed: ${p.error ?? 'see runs status'}`);
    if (p.status === 'cancelled') throw new CliError(`run ${runId} was cancelled`);
  } finally {
    process.off('SIGINT', onSigint);
  }
}

async function afterStart(l: Awaited<ReturnType<typeof lib>>, runId: number, o: WaitOptions) {
  if (o.wait) return follow(l, runId, o);
  if ((await l.liveWorkerCount(l.pgPool())) === 0) {
    console.log('Note: no worker is running. Start the app (npm start) or `npm run worker`, or follow the run with --wait to generate here.');
  }
  console.log(`Follow it with: npm run winnow -- runs status ${runId}`);
}

export function registerGenerateCommands(program: Command) {
  program
    .command('generate')
    .description('generate N candidates per prompt of a dataset with an endpoint (a generation run)')
    .requiredOption('--dataset <name>', 'dataset name')
    .requiredOption('--endpoint <name>', 'endpoint name (see: endpoints list)')
    .requiredOption('--n <N>', 'candidates per prompt')
    .option('--temperature <T>', 'sampling temperature')
    .option('--top-p <P>', 'nucleus sampling')
    .option('--max-tokens <M>', 'max completion tokens per candidate')
    .option('--seed <S>', 'seed (sample i uses S + i)')
    .option('--system <text>', 'system prompt (replaces the prompts’ own)')
    .option('--only-unsolved', 'only prompts with no accepted or approved candidate')
    .option('--batch', "use the provider's Batch API (half price, results within 24 h)")
    .option('--timeout <seconds>', 'per-request timeout (default 120)')
    .option('--max-attempts <k>', 'attempts per request on transient errors (default 6)')
    .option('--wait', 'show progress until the run ends (generates here if no worker runs)')
    .option('--concurrency <k>', 'with --wait and no running worker: requests in flight from this process')
    .action(
      action(async (o: GenerateOptions) => {
        await withQueue(async (l) => {
          const parsed = l.generationParamsSchema.safeParse({
            n: o.n,
            temperature: o.temperature,
            topP: o.topP,
            maxTokens: o.maxTokens,
            seed: o.seed,
            system: o.system,
            onlyUnsolved: Boolean(o.onlyUnsolved),
            batch: Boolean(o.batch),
            timeoutMs: o.timeout === undefined ? undefined : Number(o.timeout) * 1000,
            maxAttempts: o.maxAttempts,
          });
          if (!parsed.success) {
            const issue = parsed.error.issues[0]!;
            const flag = String(issue.path[0]) === 'timeoutMs' ? 'timeout' : kebab(String(issue.path[0]));
            throw new CliError(`--${flag}: ${issue.message}`);
          }
          const endpoint = await l.getEndpointByName(o.endpoint);
          if (!endpoint) throw new CliError(`no endpoint named "${o.endpoint}" (see: npm run winnow -- endpoints list)`);
          if (endpoint.keyStatus === 'missing') throw new CliError(`the environment variable ${endpoint.apiKeyEnv} (API key of "${endpoint.name}") is not set`);
          const run = await l.startGenerationRun({ ...parsed.data, datasetId: await datasetId(o.dataset), endpointId: endpoint.id });
          const n = run.params.n;
          console.log(
            `Started run ${run.id}: ${run.totalPrompts.toLocaleString('en-US')} prompts × ${n} = ${(run.totalPrompts * n).toLocaleString('en-US')} candidates with "${endpoint.name}" (${endpoint.model})${run.params.batch ? ', Batch API' : ''}.`,
          );
          await afterStart(l, run.id, o);
        });
      }),
    );

  const runs = program.command('runs').description('generation runs: list, status, cancel, resume, retry-failed');
  runs
    .command('list')
    .requiredOption('--dataset <name>', 'dataset name')
    .option('--json', 'print JSON')
    .action(
      action(async (o: { dataset: string; json?: boolean }) => {
        await withQueue(async (l) => {
          const rows = await l.listRuns(await datasetId(o.dataset));
          if (o.json) return printJson(rows);
          if (!rows.length) return console.log(`No generation runs for "${o.dataset}" yet.`);
          console.table(
            rows.map((r) => ({
              id: r.id,
              status: r.status,
              endpoint: r.endpointName ?? '—',
              n: r.params.n,
              prompts: `${r.donePrompts + r.failedPrompts}/${r.totalPrompts}`,
              failed: r.failedPrompts,
              candidates: r.candidates,
              cost: r.costUsd ? `$${r.costUsd.toFixed(4)}` : '—',
              created: r.createdAt.slice(0, 19).replace('T', ' '),
            })),
          );
        });
      }),
    );
  runs
    .command('status')
    .argument('<id>', 'run id')
    .option('--json', 'print JSON')
    .action(
      action(async (id: string, o: { json?: boolean }) => {
        await withQueue(async (l) => {
          const p = await l.getRunProgress(l.parseRunId(id));
          if (!p) throw new CliError(`no generation run with id ${id}`);
          if (o.json) return printJson(p);
          console.log(l.formatProgress(p));
          if (p.error) console.log(`error: ${p.error}`);
          for (const e of p.errors) console.log(`  ${e.kind}: ${e.retries} retried, ${e.failures} failed${e.lastMessage ? ` — ${e.lastMessage}` : ''}`);
        });
      }),
    );
  runs
    .command('cancel')
    .argument('<id>', 'run id')
    .action(
      action(async (id: string) => {
        await withQueue(async (l) => {
          const p = await l.cancelRun(l.parseRunId(id));
          console.log(`Cancelled run ${p.id} (${p.candidates} candidates kept). Continue it with: npm run winnow -- runs resume ${p.id}`);
        });
      }),
    );
  for (const [name, what] of [
    ['resume', 'queue again what a cancelled or failed run has not done yet'],
    ['retry-failed', 'generate the failed prompts of a finished run again'],
  ] as const) {
    runs
      .command(name)
      .description(what)
      .argument('<id>', 'run id')
      .option('--wait', 'show progress until the run ends (generates here if no worker runs)')
      .option('--concurrency <k>', 'with --wait and no running worker: requests in flight from this process')
      .action(
        action(async (id: string, o: WaitOptions) => {
          await withQueue(async (l) => {
            const runId = l.parseRunId(id);
            const p = name === 'resume' ? await l.resumeRun(runId) : await l.retryFailed(runId);
            console.log(`Run ${p.id} is ${p.status}: ${p.pendingPrompts.toLocaleString('en-US')} prompts to go.`);
            await afterStart(l, p.id, o);
          });
        }),
      );
  }
}
