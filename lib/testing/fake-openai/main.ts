// CLI: `npx tsx lib/testing/fake-openai/main.ts --port 4010 [--latency-ms 250] [--rate-429 0.1] …`
// Prints the base URL (…/v1) on stdout, then serves until SIGINT/SIGTERM. Every JSON-able option
// has a kebab-case flag (e.g. rpm → --rpm, batchDurationMs → --batch-duration-ms); see --help.
import { parseArgs } from 'node:util';
import { loadAnswers } from './load-answers';
import { defaultOptions, type FakeOpenAIOptions, type FaultKind } from './options';
import { startFakeOpenAI } from './server';

const kebab = (k: string) => k.replace(/[A-Z0-9]+/g, (m) => `-${m.toLowerCase()}`);
const flagKeys = Object.keys(defaultOptions).filter((k) => k !== 'responder') as Array<keyof FakeOpenAIOptions>;

const { values } = parseArgs({
  options: {
    ...Object.fromEntries(flagKeys.map((k) => [kebab(k), { type: 'string' as const }])),
    help: { type: 'boolean' as const },
  },
});

if (values.help) {
  console.log('usage: fake-openai [--flag value]…   (booleans: true|false, lists: comma-separated, --answers <file.jsonl>)');
  for (const k of flagKeys) console.log(`  --${kebab(k).padEnd(22)} default ${JSON.stringify(defaultOptions[k])}`);
  process.exit(0);
}

const opts: Partial<FakeOpenAIOptions> = {};
for (const k of flagKeys) {
  const v = (values as Record<string, string | undefined>)[kebab(k)];
  if (v === undefined) continue;
  const d = defaultOptions[k];
  const o = opts as Record<string, unknown>;
  if (k === 'answers') o[k] = loadAnswers(v);
  else if (k === 'scriptedFaults') o[k] = v.split(',').filter(Boolean) as FaultKind[];
  else if (Array.isArray(d)) o[k] = v.split(',').filter(Boolean);
  else if (typeof d === 'boolean') o[k] = v === 'true' || v === '1';
  else if (typeof d === 'string' || (d === null && k === 'apiKey')) o[k] = v;
  else if (v === 'null') o[k] = null;
  else if (Number.isNaN(Number(v))) throw new Error(`--${kebab(k)} expects a number, got "${v}"`);
  else o[k] = Number(v);
}

const server = await startFakeOpenAI(opts);
console.log(server.url);
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
