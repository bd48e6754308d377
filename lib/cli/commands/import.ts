import type { Command } from 'commander';
import { action, CliError, withDatabase } from '../run-command';

type ImportCliOptions = { dataset: string; format?: string; map?: string; description?: string };

const FORMATS = ['jsonl', 'csv', 'parquet'] as const;

export function registerImportCommand(program: Command) {
  program
    .command('import')
    .description('import prompts (and optionally candidates with scores) from JSONL, CSV or Parquet; all or nothing')
    .argument('<file>', 'input file (.jsonl/.json/.ndjson, .csv, .parquet)')
    .requiredOption('--dataset <name>', 'dataset to import into (created if new)')
    .option('--format <format>', `input format: ${FORMATS.join('|')} (default: from the file name or content)`)
    .option('--map <mapping>', 'field mapping target=source, e.g. prompt=question,reference=answer')
    .option('--description <text>', 'description of the dataset, if it is created')
    .action(
      action(async (file: string, opts: ImportCliOptions) => {
        // Imported lazily: the module is server-only and loads the database layer.
        const { importFile, parseMapping, MappingError, formatIssue, MAX_COUNTED_ERRORS } = await import('../../import/import-file');
        if (opts.format && !(FORMATS as readonly string[]).includes(opts.format))
          throw new CliError(`unknown format "${opts.format}" (expected ${FORMATS.join(', ')})`);
        let mapping: Record<string, string> | undefined;
        try {
          mapping = opts.map ? parseMapping(opts.map) : undefined;
        } catch (e) {
          if (e instanceof MappingError) throw new CliError(e.message);
          throw e;
        }

        const progress = process.stderr.isTTY ? progressLine(file) : undefined;
        const result = await withDatabase(() =>
          importFile({
            datasetName: opts.dataset,
            filePath: file,
            format: opts.format as (typeof FORMATS)[number] | undefined,
            mapping,
            description: opts.description,
            onProgress: progress?.update,
          }),
        ).finally(() => progress?.clear());

        if (!result.ok) {
          for (const issue of result.errors) process.stderr.write(`${formatIssue(issue)}\n`);
          const more = result.errorCount - result.errors.length;
          if (more > 0)
            process.stderr.write(`… and ${more.toLocaleString('en-US')}${result.errorCount >= MAX_COUNTED_ERRORS ? '+' : ''} more errors\n`);
          throw new CliError('import failed, nothing was written');
        }
        const n = (x: number) => x.toLocaleString('en-US');
        const parts = [`${n(result.prompts)} prompts`];
        if (result.candidates) parts.push(`${n(result.candidates)} candidates`);
        if (result.scores) parts.push(`${n(result.scores)} scores`);
        const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0];
        console.log(`Imported ${list} into "${result.dataset}" (${result.createdDataset ? 'new dataset' : 'existing dataset'}).`);
      }),
    );
}

/** A single self-overwriting stderr line: records, MB read, percent. */
function progressLine(file: string) {
  let shown = false;
  return {
    update({ records, bytes, totalBytes }: { records: number; bytes: number; totalBytes: number }) {
      const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
      const pct = totalBytes ? Math.min(100, Math.floor((bytes / totalBytes) * 100)) : 0;
      process.stderr.write(`\r\x1b[2KImporting ${file}: ${records.toLocaleString('en-US')} records, ${mb(bytes)}/${mb(totalBytes)} MB (${pct}%)${pct === 100 ? ', saving…' : ''}`);
      shown = true;
    },
    clear() {
      if (shown) process.stderr.write('\r\x1b[2K');
    },
  };
}
