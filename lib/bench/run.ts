// `npm run bench -- <name> [args]`: runs lib/bench/<name>.ts. Each benchmark prints its figures and,
// as its last line, one JSON object ({"bench": name, ...}).
import fs from 'node:fs';
import path from 'node:path';

const name = process.argv[2];
const dir = path.dirname(new URL(import.meta.url).pathname);
const available = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'bench-utils.ts'].includes(f) && !f.endsWith('.test.ts'))
  .map((f) => f.replace(/\.ts$/, ''));
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <${available.join('|')}>`);
  process.exit(1);
}
process.argv.splice(2, 1);
await import(path.join(dir, `${name}.ts`));
