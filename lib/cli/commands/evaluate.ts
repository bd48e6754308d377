import type { Command } from 'commander';
import { action, CliError, printJson, withDatabase } from '../run-command';

// `evaluators add|list|update|remove`, `judge`, `policy show|set`: the same lib/evaluation functions
// as the dataset page's Evaluators and Policy panels. `judge --wait` works with or without the app
// running (lib/evaluation/judge/wait-for-judge).

async function lib() {
  const [manage, schemas, errors, policy, start, progress, wait, boss, registry] = await Promise.all([
    import('../../evaluation/manage-evaluators'),
    import('../../evaluation/schemas'),
    import('../../evaluation/errors'),
    import('../../evaluation/update-policy'),
    import('../../evaluation/judge/start-judge'),
    import('../../evaluation/judge/judge-progress'),
    import('../../evaluation/judge/wait-for-judge'),
    import('../../jobs/boss'),
    import('../../evaluation/evaluators/registry'),
  ]);
  return { ...manage, ...schemas, ...errors, ...policy, ...start, ...progress, ...wait, ...boss, ...registry };
}
type Lib = Awaited<ReturnType<typeof lib>>;

const flag = (field: string) => (field.startsWith('config') ? field : `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);

/** Runs with the database; expected input errors become one line naming the field. */
async function run<T>(fn: (l: Lib) => Promise<T>): Promise<T> {
  const l = await lib();
  return withDatabase(async () => {
    try {
      return await fn(l);
    } catch (e) {
      if (e instanceof l.EvaluationInputError) {
        const fields = Object.entries(e.fieldErrors);
        throw new CliError(fields.length && !e.message.includes(':') ? `${flag(fields[0][0])}: ${fields[0][1][0]}` : e.message);
      }
      throw e;
    } finally {
      await l.stopBoss();
    }
  });
}

function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new CliError(`${flag(issue.path.map(String).join('.') || 'input')}: ${issue.message}`);
}

async function datasetId(name: string): Promise<number> {
  const { pgPool } = await import('../../db/pool');
  const { rows } = await pgPool().query<{ id: number }>('SELECT id FROM datasets WHERE name = $1', [name]);
  if (!rows[0]) throw new CliError(`no dataset named "${name}" (see: npm run winnow -- datasets list)`);
  return rows[0].id;
}

async function evaluatorByName(l: Lib, dataset: string, name: string) {
  const id = await datasetId(dataset);
  const e = (await l.listEvaluators(id)).find((x) => x.name === name);
  if (!e) throw new CliError(`dataset "${dataset}" has no evaluator named "${name}" (see: npm run winnow -- evaluators list --dataset ${dataset})`);
  return e;
}

type RederiveOut = { accepted: number; rejected: number; pending: number; candidates: number; ms: number; renormalized?: number } | { queued: true; jobId: string; coalesced: boolean };

/** Verdicts are re-derived here and now (the default), or with --queue by a job for the workers (like the UI). */
const rederiveLine = (r: RederiveOut) =>
  'queued' in r
    ? `Verdicts: re-derivation queued (job ${r.jobId}${r.coalesced ? ', joined one already waiting' : ''}); the app's worker or \`npm run worker\` runs it.`
    : `Verdicts: ${r.accepted.toLocaleString('en-US')} accepted, ${r.rejected.toLocaleString('en-US')} rejected, ${r.pending.toLocaleString('en-US')} pending of ${r.candidates.toLocaleString('en-US')} candidates (${(r.ms / 1000).toFixed(1)} s).` +
      (r.renormalized ? ` ${r.renormalized.toLocaleString('en-US')} scores re-normalised from their raw values.` : '');
const QUEUE_HELP = 'queue the re-derivation of the verdicts as a background job instead of waiting for it here';
const mode = (o: { queue?: boolean }) => ({ rederive: o.queue ? ('queue' as const) : ('now' as const) });

type EvalOptions = { dataset: string; kind: string; name?: string; role?: string; weight?: string; config?: string; queue?: boolean };

export function registerEvaluateCommands(program: Command) {
  const evaluators = program.command('evaluators').description('evaluators of a dataset: gates (verifiers) and scores (judges, reward models)');
  evaluators
    .command('add')
    .description('add an evaluator to a dataset (then run it with: judge --dataset <d>)')
    .requiredOption('--dataset <name>', 'dataset name')
    .requiredOption('--kind <kind>', 'math-answer, exact, contains, regex, json-schema, length, code-tests, llm-judge, reward-model, dedupe …')
    .option('--name <name>', 'unique within the dataset (default: the kind)')
    .option('--role <role>', 'gate or score (default: the kind’s own)')
    .option('--weight <W>', 'weight in the aggregate score (score evaluators)', '1')
    .option('--config <json>', 'the kind’s config as JSON, e.g. \'{"pattern":"^A: \\\\d+$","flags":"m"}\'')
    .option('--queue', QUEUE_HELP)
    .action(
      action(async (o: EvalOptions) => {
        await run(async (l) => {
          const input = parse(l.addEvaluatorSchema, { datasetId: await datasetId(o.dataset), kind: o.kind, name: o.name, role: o.role, weight: o.weight, config: o.config });
          const { evaluator: e, rederive } = await l.addEvaluator(input, undefined, mode(o));
          console.log(`Added ${e.role} evaluator "${e.name}" (${e.kind}${e.role === 'score' ? `, weight ${e.weight}` : ''}) to "${o.dataset}".`);
          console.log(rederiveLine(rederive));
          console.log(`Run it with: npm run winnow -- judge --dataset ${o.dataset} --wait`);
        });
      }),
    );
  evaluators
    .command('list')
    .requiredOption('--dataset <name>', 'dataset name')
    .option('--json', 'print JSON')
    .action(
      action(async (o: { dataset: string; json?: boolean }) => {
        await run(async (l) => {
          const id = await datasetId(o.dataset);
          const [list, progress] = await Promise.all([l.listEvaluators(id), l.getJudgeProgress(id)]);
          const rows = list.map((e) => {
            const p = progress.evaluators.find((x) => x.id === e.id);
            return { ...e, scored: p?.scored ?? 0, errors: p?.errors ?? 0, candidates: progress.candidates };
          });
          if (o.json) return printJson(rows);
          if (!rows.length) return console.log(`No evaluators on "${o.dataset}" yet. Add one: npm run winnow -- evaluators add --dataset ${o.dataset} --kind math-answer`);
          console.table(rows.map((e) => ({ name: e.name, kind: e.kind, role: e.role, weight: e.weight, scored: `${e.scored}/${e.candidates}`, errors: e.errors, config: JSON.stringify(e.config) })));
        });
      }),
    );
  evaluators
    .command('update')
    .description('change an evaluator; a new config deletes (only) its scores so they are re-scored — imported scores (and a reward model\'s normalize) are re-normalised from their raw values instead')
    .requiredOption('--dataset <name>', 'dataset name')
    .requiredOption('--name <name>', 'the evaluator')
    .option('--rename <name>', 'new name')
    .option('--role <role>', 'gate or score')
    .option('--weight <W>', 'weight')
    .option('--config <json>', 'new config as JSON')
    .option('--queue', QUEUE_HELP)
    .action(
      action(async (o: { dataset: string; name: string; rename?: string; role?: string; weight?: string; config?: string; queue?: boolean }) => {
        await run(async (l) => {
          const e = await evaluatorByName(l, o.dataset, o.name);
          const input = parse(l.updateEvaluatorSchema, { id: e.id, name: o.rename, role: o.role, weight: o.weight, config: o.config });
          const r = await l.updateEvaluator(input, undefined, mode(o));
          const what = r.renormalize
            ? ' Its scores are kept and re-normalised from their raw values.'
            : r.deletedScores
              ? ` Its config changed: ${r.deletedScores.toLocaleString('en-US')} scores deleted; re-score with: npm run winnow -- judge --dataset ${o.dataset} --wait`
              : '';
          console.log(`Updated "${r.evaluator.name}".${what}`);
          console.log(rederiveLine(r.rederive));
        });
      }),
    );
  evaluators
    .command('remove')
    .description('delete an evaluator and its scores')
    .requiredOption('--dataset <name>', 'dataset name')
    .requiredOption('--name <name>', 'the evaluator')
    .option('--queue', QUEUE_HELP)
    .action(
      action(async (o: { dataset: string; name: string; queue?: boolean }) => {
        await run(async (l) => {
          const e = await evaluatorByName(l, o.dataset, o.name);
          const r = await l.deleteEvaluator(e.id, undefined, mode(o));
          console.log(`Removed "${e.name}".`);
          if (r) console.log(rederiveLine(r.rederive));
        });
      }),
    );

  program
    .command('judge')
    .description('run every evaluator on every candidate that lacks its score (durable jobs)')
    .requiredOption('--dataset <name>', 'dataset name')
    .option('--evaluator <name>', 'only this evaluator')
    .option('--wait', 'show progress until done (judges here if no worker runs)')
    .action(
      action(async (o: { dataset: string; evaluator?: string; wait?: boolean }) => {
        await run(async (l) => {
          const id = await datasetId(o.dataset);
          const only = o.evaluator ? [(await evaluatorByName(l, o.dataset, o.evaluator)).id] : undefined;
          const started = await l.startJudge(id, { evaluatorIds: only });
          if (!started.evaluators.length) throw new CliError(`dataset "${o.dataset}" has no evaluators; add one: npm run winnow -- evaluators add --dataset ${o.dataset} --kind math-answer`);
          for (const e of started.evaluators) {
            console.log(`  ${e.name} (${e.kind}): ${e.note ?? (e.prompts ? `${e.prompts.toLocaleString('en-US')} prompts to score in ${e.jobs} jobs` : 'nothing to score')}`);
          }
          if (!o.wait) {
            console.log(`Queued ${started.jobs} jobs. Follow with: npm run winnow -- judge --dataset ${o.dataset} --wait`);
            return;
          }
          const tty = process.stderr.isTTY;
          let lastPlain = 0;
          const stop = new AbortController();
          const onSigint = () => stop.abort();
          process.once('SIGINT', onSigint);
          try {
            const p = await l.waitForJudge(id, {
              intervalMs: tty ? 300 : 1000,
              signal: stop.signal,
              log: (line) => process.stderr.write(`${tty ? '\r\x1b[2K' : ''}${line}\n`),
              onProgress: (p) => {
                if (tty) process.stderr.write(`\r\x1b[2K${l.formatJudgeProgress(p)}`);
                else if (Date.now() - lastPlain >= 5000) {
                  lastPlain = Date.now();
                  process.stderr.write(`${l.formatJudgeProgress(p)}\n`);
                }
              },
            });
            if (tty) process.stderr.write('\r\x1b[2K');
            console.log(l.formatJudgeProgress(p));
            if (stop.signal.aborted) throw new CliError('stopped waiting; the jobs carry on in any running worker');
            if (p.jobs.failed) throw new CliError(`${p.jobs.failed} judge jobs failed for good (see the app log)`);
          } finally {
            process.off('SIGINT', onSigint);
          }
        });
      }),
    );

  const policy = program.command('policy').description('the acceptance policy of a dataset (gates, threshold, top-k …)');
  policy
    .command('show')
    .requiredOption('--dataset <name>', 'dataset name')
    .option('--json', 'print JSON')
    .action(
      action(async (o: { dataset: string; json?: boolean }) => {
        await run(async (l) => {
          const p = await l.getPolicy(await datasetId(o.dataset));
          if (o.json) return printJson(p);
          console.log(JSON.stringify(p, null, 2));
        });
      }),
    );
  policy
    .command('set')
    .description('change the policy and re-derive every verdict (no evaluator runs again)')
    .requiredOption('--dataset <name>', 'dataset name')
    .option('--threshold <x>', 'minimum aggregate score 0..1')
    .option('--top-k <k>', 'accept at most k per prompt (0 = no cap)')
    .option('--gates <names>', '"all" (every gate-role evaluator) or comma-separated evaluator names')
    .option('--require-score <bool>', 'reject candidates without an aggregate score (true/false)')
    .option('--dedupe <bool>', 'never accept two duplicates of one prompt (true/false)')
    .option('--judge-agree-threshold <x>', 'a judge score ≥ this "says good" (disagreement flag)')
    .option('--queue', QUEUE_HELP)
    .option('--json', 'print JSON')
    .action(
      action(
        async (o: { dataset: string; threshold?: string; topK?: string; gates?: string; requireScore?: string; dedupe?: string; judgeAgreeThreshold?: string; queue?: boolean; json?: boolean }) => {
          await run(async (l) => {
            const input = parse(l.updatePolicySchema, {
              datasetId: await datasetId(o.dataset),
              threshold: o.threshold,
              topK: o.topK,
              gates: o.gates,
              requireScore: o.requireScore,
              dedupe: o.dedupe,
              judgeAgreeThreshold: o.judgeAgreeThreshold,
            });
            const r = await l.updatePolicy(input, undefined, mode(o));
            if (o.json) return printJson(r);
            console.log(`Policy of "${o.dataset}": ${JSON.stringify(r.policy)}`);
            console.log(rederiveLine(r.rederive));
          });
        },
      ),
    );
}
