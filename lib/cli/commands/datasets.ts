import type { Command } from 'commander';
import { getDatasetStatus } from '../../datasets/get-dataset-status';
import { listDatasets } from '../../datasets/list-datasets';
import { action, CliError, printJson, withDatabase } from '../run-command';

export function registerDatasetCommands(program: Command) {
  const datasets = program.command('datasets').description('list datasets');
  datasets
    .command('list')
    .option('--json', 'print JSON')
    .action(
      action(async (opts: { json?: boolean }) => {
        const rows = await withDatabase(listDatasets);
        if (opts.json) return printJson(rows);
        if (!rows.length) return console.log('No datasets yet. Import one: npm run winnow -- import <file> --dataset <name>');
        console.table(rows.map(({ name, prompts, candidates, accepted, reviewed }) => ({ name, prompts, candidates, accepted, reviewed })));
      }),
    );

  program
    .command('status')
    .description('progress counts of a dataset')
    .requiredOption('--dataset <name>', 'dataset name')
    .option('--json', 'print JSON')
    .action(
      action(async (opts: { dataset: string; json?: boolean }) => {
        const status = await withDatabase(() => getDatasetStatus(opts.dataset));
        if (!status) throw new CliError(`no dataset named "${opts.dataset}" (see: npm run winnow -- datasets list)`);
        if (opts.json) return printJson(status);
        for (const [k, v] of Object.entries(status)) console.log(`${k.padEnd(20)} ${v}`);
      }),
    );
}
