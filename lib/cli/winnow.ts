// `npm run winnow -- <command>`: the command line. Same lib/ functions as the UI. The CLI runs inside
// the trust boundary (it talks to the database directly) and so acts with admin rights.
import { Command } from 'commander';
import { registerDatasetCommands } from './commands/datasets';
import { registerDbCommands } from './commands/db';
import { registerEndpointCommands } from './commands/endpoints';
import { registerEvaluateCommands } from './commands/evaluate';
import { registerExportCommands } from './commands/export';
import { registerGenerateCommands } from './commands/generate';
import { registerImportCommand } from './commands/import';
import { registerStatsCommand } from './commands/stats';
import { registerUserCommands } from './commands/users';

const program = new Command('winnow')
  .description('Winnow: curate LLM training data by rejection sampling')
  .showHelpAfterError()
  .configureOutput({ outputError: (str, write) => write(`winnow: ${str.replace(/^error: /, '')}`) })
  .exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : 1);
  });

registerDbCommands(program);
registerDatasetCommands(program);
registerImportCommand(program);
registerUserCommands(program);
registerEndpointCommands(program);
registerGenerateCommands(program);
registerEvaluateCommands(program);
registerExportCommands(program);
registerStatsCommand(program);

await program.parseAsync(process.argv);
