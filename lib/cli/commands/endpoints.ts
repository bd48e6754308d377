import type { Command } from 'commander';
import { createEndpoint, getEndpointByName, listEndpoints } from '../../endpoints/manage-endpoints';
import { endpointInputSchema, looksLikeSecret } from '../../endpoints/schemas';
import { testConnection } from '../../endpoints/test-connection';
import { action, CliError, printJson, withDatabase } from '../run-command';

type AddOptions = {
  name: string;
  baseUrl: string;
  model: string;
  apiKeyEnv?: string;
  maxConcurrency?: string;
  rpm?: string;
  tpm?: string;
  priceIn?: string;
  priceOut?: string;
};

export function registerEndpointCommands(program: Command) {
  const endpoints = program.command('endpoints').description('OpenAI-compatible model endpoints (OpenAI, vLLM, Ollama, llama.cpp, LiteLLM, OpenRouter …)');
  endpoints
    .command('add')
    .description('add an endpoint; the API key stays in the environment variable you name')
    .requiredOption('--name <name>', 'short unique name')
    .requiredOption('--base-url <url>', 'e.g. https://api.openai.com/v1 or http://localhost:8000/v1')
    .requiredOption('--model <model>', 'model to call')
    .option('--api-key-env <VAR>', 'NAME of the environment variable holding the key')
    .option('--max-concurrency <k>', 'requests in flight at once, across all workers', '8')
    .option('--rpm <r>', 'requests per minute limit')
    .option('--tpm <t>', 'tokens per minute limit')
    .option('--price-in <usd>', 'USD per 1M input tokens')
    .option('--price-out <usd>', 'USD per 1M output tokens')
    .action(
      action(async (o: AddOptions) => {
        if (o.apiKeyEnv && looksLikeSecret(o.apiKeyEnv)) throw new CliError('--api-key-env takes the NAME of an environment variable (e.g. OPENAI_API_KEY), not the key itself');
        const parsed = endpointInputSchema.safeParse({
          name: o.name,
          baseUrl: o.baseUrl,
          model: o.model,
          apiKeyEnv: o.apiKeyEnv,
          maxConcurrency: o.maxConcurrency,
          rpm: o.rpm,
          tpm: o.tpm,
          priceInPerM: o.priceIn,
          priceOutPerM: o.priceOut,
        });
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new CliError(`--${String(issue.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${issue.message}`);
        }
        const e = await withDatabase(() => createEndpoint(parsed.data));
        console.log(`Added endpoint "${e.name}" → ${e.baseUrl} (${e.model}).`);
        if (e.keyStatus === 'missing') console.log(`Note: ${e.apiKeyEnv} is not set in this shell; set it where Winnow runs.`);
      }),
    );
  endpoints
    .command('list')
    .option('--json', 'print JSON')
    .action(
      action(async (o: { json?: boolean }) => {
        const rows = await withDatabase(listEndpoints);
        if (o.json) return printJson(rows);
        if (!rows.length) return console.log('No endpoints yet: npm run winnow -- endpoints add --name … --base-url … --model …');
        console.table(rows.map((e) => ({ name: e.name, baseUrl: e.baseUrl, model: e.model, key: e.apiKeyEnv ? `${e.apiKeyEnv} (${e.keyStatus})` : '—', concurrency: e.maxConcurrency, rpm: e.rpm ?? '—', n: e.supportsN ?? '?' })));
      }),
    );
  endpoints
    .command('test')
    .argument('<name>', 'endpoint name')
    .description('check the connection and whether the endpoint honours n')
    .action(
      action(async (name: string) => {
        const report = await withDatabase(async () => {
          const e = await getEndpointByName(name);
          if (!e) throw new CliError(`no endpoint named "${name}" (see: npm run winnow -- endpoints list)`);
          return testConnection(e);
        });
        if (!report.ok) throw new CliError(`connection to "${name}" failed: ${report.message}`);
        console.log(report.message);
      }),
    );
}
