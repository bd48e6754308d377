// `npm run bench -- import [--prompts N] [--candidates K] [--scores]`: import a generated JSONL of
// N prompts × K candidates (~400-byte texts; default 125,000 × 8 = 1M candidate rows) into a fresh
// database and report candidate rows/s and peak RSS. File generation is not timed.
import { createWriteStream } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { freshBenchDatabase, printResult, trackPeakRss } from './bench-utils';

const { values } = parseArgs({
  options: {
    prompts: { type: 'string', default: '125000' },
    candidates: { type: 'string', default: '8' },
    scores: { type: 'boolean', default: false },
  },
});
const prompts = Number(values.prompts);
const perPrompt = Number(values.candidates);

const WORDS = 'the of and a to in is you that it he was for on are as with his they at be this have from or one had by word but not what all were we when your can said there use an each which she do how their if will up other about out many then them these so some her would make like him into time has look two more write go see number no way could people my than first water been call who oil its now find long down day did get come made may part'.split(' ');

/** Deterministic pseudo-random text of about `bytes` bytes (varied, so content hashes differ). */
function text(seed: number, bytes: number) {
  let x = seed * 2654435761 + 1;
  let out = '';
  while (out.length < bytes) {
    x = (x * 1103515245 + 12345) >>> 0;
    out += WORDS[x % WORDS.length] + (x % 17 === 0 ? '.\n' : ' ');
  }
  return out;
}

async function writeFixture(file: string) {
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  for (let p = 0; p < prompts; p++) {
    const candidates = Array.from({ length: perPrompt }, (_, k) => {
      const content = text(p * 131 + k, 400);
      return values.scores ? { content, model: 'bench-model', scores: { rm: ((p + k) % 100) / 100 } } : { content, model: 'bench-model' };
    });
    const line = JSON.stringify({ id: `p${p}`, prompt: `Question ${p}: ${text(p, 150)}`, reference: String(p % 1000), candidates });
    if (!out.write(line + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  // On disk before the clock starts: the kernel writes a file back ~30 s after it is written, which
  // otherwise lands in the middle of the timed import (~5 % slower, three alternating pairs of runs).
  const written = await open(file, 'r');
  await written.sync();
  await written.close();
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'winnow-bench-import-'));
const file = path.join(dir, 'bench.jsonl');
const db = await freshBenchDatabase('import');
try {
  await writeFixture(file);
  const size = (await stat(file)).size;
  console.log(`Generated ${file}: ${prompts.toLocaleString('en-US')} prompts × ${perPrompt} candidates, ${(size / 1024 / 1024).toFixed(0)} MB`);

  const { importFile } = await import('../import/import-file');
  const { closePgPool } = await import('../db/pool');
  const peakRss = trackPeakRss();
  const started = performance.now();
  const result = await importFile({ datasetName: 'bench-import', filePath: file });
  const seconds = (performance.now() - started) / 1000;
  await closePgPool();
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.errors.slice(0, 3))}`);

  const rows = result.candidates;
  const rowsPerS = Math.round(rows / seconds);
  const peak = peakRss();
  console.log(`Imported ${result.prompts.toLocaleString('en-US')} prompts, ${rows.toLocaleString('en-US')} candidates, ${result.scores.toLocaleString('en-US')} scores in ${seconds.toFixed(1)} s`);
  console.log(`${rowsPerS.toLocaleString('en-US')} candidate rows/s (target ≥ 40,000), peak RSS ${peak} MB (target ≤ 400)`);
  printResult({ bench: 'import', rows, prompts: result.prompts, rows_per_s: rowsPerS, seconds: Number(seconds.toFixed(2)), peak_rss_mb: peak });
} finally {
  await rm(dir, { recursive: true, force: true });
  await db.release();
}
