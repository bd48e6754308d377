// `npm test`: the whole suite, in order, stopping at the first failing stage:
// Prisma client → typecheck → lint → unit → integration (real PostgreSQL) → build → Playwright (Chromium).
// Ends with one line "tests: N passed, N failed" summing vitest and Playwright results.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensurePrismaClient } from '../db/generate-client';
import { buildIsStale } from '../cli/build-is-stale';

const root = process.cwd();
// Not test-results/: Playwright empties that folder when it starts.
const out = path.join(root, '.test-reports');
fs.mkdirSync(out, { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
const only = process.argv.slice(2); // e.g. `npm test -- unit integration`
let passed = 0;
let failed = 0;

function stage(name: string, cmd: string, args: string[], extraEnv: Record<string, string> = {}) {
  if (only.length && !only.includes(name) && !(name === 'build' && only.includes('e2e'))) return;
  const started = Date.now();
  console.log(`\n▶ ${name}: ${[path.basename(cmd), ...args].join(' ')}`);
  const res = spawnSync(cmd, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  console.log(`◀ ${name} ${res.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (res.status !== 0) finish(name);
}

function countVitest(file: string) {
  if (!fs.existsSync(file)) return;
  const r = JSON.parse(fs.readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number };
  passed += r.numPassedTests;
  failed += r.numFailedTests;
}

function countPlaywright(file: string) {
  if (!fs.existsSync(file)) return;
  const r = JSON.parse(fs.readFileSync(file, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number } };
  passed += r.stats.expected + r.stats.flaky;
  failed += r.stats.unexpected;
}

function finish(failedStage?: string) {
  countVitest(path.join(out, 'unit.json'));
  countVitest(path.join(out, 'integration.json'));
  countPlaywright(path.join(out, 'e2e.json'));
  if (failedStage) console.log(`\nStage "${failedStage}" failed.`);
  console.log(`tests: ${passed} passed, ${failed} failed`);
  process.exit(failedStage || failed ? 1 : 0);
}

for (const f of ['unit.json', 'integration.json', 'e2e.json']) fs.rmSync(path.join(out, f), { force: true });
if (ensurePrismaClient()) console.log('Prisma client generated.');
stage('typecheck', bin('tsc'), ['--noEmit', '-p', '.']);
stage('lint', bin('eslint'), ['.', '--max-warnings=0']);
const vitestJson = (name: string) => ['--reporter=default', '--reporter=json', `--outputFile.json=${path.join(out, `${name}.json`)}`];
stage('unit', bin('vitest'), ['run', '--project', 'unit', ...vitestJson('unit')]);
stage('integration', bin('vitest'), ['run', '--project', 'integration', ...vitestJson('integration')]);
if (!only.length || only.includes('e2e')) {
  if (buildIsStale(root)) stage('build', bin('next'), ['build']);
  stage('e2e', bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(out, 'e2e.json') });
}
finish();
