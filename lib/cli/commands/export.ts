// `export`, `exports list`, `exports diff`, `import-raw`: training files out of a dataset, their
// versions, and a raw export back into a new dataset.
import os from 'node:os';
import type { Command } from 'commander';
import { action, CliError, printJson, withDatabase } from '../run-command';

type ExportCliOptions = {
  dataset: string;
  format: string;
  status?: string;
  topK?: string;
  minScore?: string;
  evaluator?: string[];
  minMargin?: string;
  pairsPerPrompt?: string;
  parquet?: boolean;
  out: string;
  json?: boolean;
};

const collect = (value: string, previous: string[] = []) => [...previous, value];
const n = (x: number) => x.toLocaleString('en-US');

async function datasetIdByName(name: string): Promise<number> {
  const { pgPool } = await import('../../db/pool');
  const { rows } = await pgPool().query<{ id: number }>('SELECT id FROM datasets WHERE name = $1', [name]);
  if (!rows.length) throw new CliError(`no dataset named "${name}" (see: npm run winnow -- datasets list)`);
  return rows[0].id;
}

export function registerExportCommands(program: Command) {
  program
    .command('export')
    .description('write a training file (JSONL or Parquet) and record it as a version with a manifest beside it')
    .requiredOption('--dataset <name>', 'dataset name')
    .requiredOption('--format <format>', 'openai-chat | trl-sft | trl-dpo | openai-dpo | sharegpt | alpaca | raw')
    .option('--status <status>', 'approved | accepted (default) | all')
    .option('--top-k <K>', 'at most K candidates per prompt (best first)')
    .option('--min-score <S>', 'aggregate score ≥ S')
    .option('--evaluator <name=pass|fail>', 'keep candidates that passed / failed this evaluator (repeatable)', collect)
    .option('--min-margin <x>', 'DPO: chosen − rejected aggregate ≥ x')
    .option('--pairs-per-prompt <M>', 'DPO: at most M pairs per prompt (default 1)')
    .option('--parquet', 'write Parquet instead of JSONL')
    .requiredOption('--out <file>', 'output file')
    .option('--json', 'print the result as JSON')
    .action(
      action(async (opts: ExportCliOptions) => {
        const { exportRequestSchema } = await import('../../export/schemas');
        const parsed = exportRequestSchema.safeParse({
          format: opts.format,
          parquet: Boolean(opts.parquet),
          filters: {
            status: opts.status,
            topK: opts.topK,
            minScore: opts.minScore,
            evaluators: opts.evaluator ?? [],
            minMargin: opts.minMargin,
            pairsPerPrompt: opts.pairsPerPrompt,
          },
        });
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          const field = issue.path.filter((p) => p !== 'filters').join('.');
          throw new CliError(`--${kebab(String(field || 'format'))}: ${issue.message}`);
        }
        const request = parsed.data;
        const { supportsParquet } = await import('../../export/formats');
        if (request.parquet && !supportsParquet(request.format)) throw new CliError(`--parquet: format ${request.format} is JSONL only`);

        await withDatabase(async () => {
          const { countExport, runExport } = await import('../../export/run-export');
          const datasetId = await datasetIdByName(opts.dataset);
          const count = await countExport(datasetId, request);
          const skipped = Object.entries(count.skipped).map(([k, v]) => `${n(v)} ${k}`);
          process.stderr.write(`${n(count.rows)} rows from ${n(count.examples)} prompts${skipped.length ? ` (skipped: ${skipped.join(', ')})` : ''}\n`);

          // A bar redrawn in place on a terminal; a plain line every 5 s otherwise (logs, CI).
          const { progressBar, throttledLines } = await import('../../export/progress-text');
          const tty = process.stderr.isTTY;
          const result = await runExport({
            datasetId,
            request,
            file: opts.out,
            actor: { userId: null, label: `cli:${cliUser()}` },
            onProgress: tty ? (p) => process.stderr.write(`\r\x1b[2K${progressBar(p)}`) : throttledLines((line) => process.stderr.write(`${line}\n`)),
          });
          if (tty) process.stderr.write('\r\x1b[2K');
          if (opts.json) return printJson({ version: result.id, file: result.file, manifest: result.manifestPath, rows: result.stats.rows, sha256: result.stats.sha256 });
          console.log(`Wrote ${n(result.stats.rows)} rows to ${result.file} (version ${result.id}, sha256 ${result.stats.sha256.slice(0, 12)}…)`);
          console.log(`Manifest: ${result.manifestPath}`);
        });
      }),
    );

  const exports = program.command('exports').description('export versions of a dataset');
  exports
    .command('list')
    .requiredOption('--dataset <name>', 'dataset name')
    .option('--json', 'print JSON')
    .action(
      action(async (opts: { dataset: string; json?: boolean }) => {
        await withDatabase(async () => {
          const { listExports } = await import('../../export/list-exports');
          const rows = await listExports(await datasetIdByName(opts.dataset));
          if (opts.json) return printJson(rows);
          if (!rows.length) return console.log(`No exports of "${opts.dataset}" yet.`);
          console.table(
            rows.map((r) => ({ version: r.id, format: r.format + (r.parquet ? ' (parquet)' : ''), rows: r.rowCount, prompts: r.examples, sha256: r.sha256.slice(0, 12), by: r.createdBy, at: r.createdAt })),
          );
        });
      }),
    );
  exports
    .command('diff')
    .description('examples added, removed and changed (by prompt id) from version v1 to v2')
    .argument('<v1>')
    .argument('<v2>')
    .option('--json', 'print JSON')
    .action(
      action(async (v1: string, v2: string, opts: { json?: boolean }) => {
        const { exportDiffSchema } = await import('../../export/schemas');
        const ids = exportDiffSchema.safeParse({ a: v1, b: v2 });
        if (!ids.success) throw new CliError(ids.error.issues[0].message);
        await withDatabase(async () => {
          const { diffExports } = await import('../../export/list-exports');
          const diff = await diffExports(ids.data.a, ids.data.b);
          if (!diff) throw new CliError(`no export version ${v1} or ${v2} (see: npm run winnow -- exports list --dataset <name>)`);
          if (opts.json) return printJson(diff);
          console.log(`v${diff.a} → v${diff.b}: ${n(diff.added)} added, ${n(diff.removed)} removed, ${n(diff.changed)} changed, ${n(diff.unchanged)} unchanged`);
          for (const kind of ['added', 'removed', 'changed'] as const) {
            const ids = diff.samples[kind];
            if (ids.length) console.log(`  ${kind}: ${ids.slice(0, 20).join(', ')}${diff[kind] > 20 ? ', …' : ''}`);
          }
        });
      }),
    );

  program
    .command('import-raw')
    .description('import a `raw` export into a new dataset, restoring statuses, scores and decisions')
    .argument('<file>', 'a raw export (JSONL)')
    .requiredOption('--dataset <name>', 'the new dataset')
    .action(
      action(async (file: string, opts: { dataset: string }) => {
        const { importRawExport } = await import('../../import/import-raw');
        const { formatIssue } = await import('../../import/import-file');
        const result = await withDatabase(() => importRawExport({ filePath: file, datasetName: opts.dataset }));
        if (!result.ok) {
          for (const issue of result.errors) process.stderr.write(`${formatIssue(issue)}\n`);
          throw new CliError('import failed, nothing was written');
        }
        console.log(`Imported ${n(result.prompts)} prompts and ${n(result.candidates)} candidates into "${result.dataset}"; restored ${n(result.statuses)} statuses, ${n(result.scores)} scores, ${n(result.decisions)} decisions.`);
      }),
    );
}

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/^evaluators$/, 'evaluator');

function cliUser(): string {
  try {
    return `${os.userInfo().username}@${os.hostname()}`;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}
