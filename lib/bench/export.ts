// `npm run bench -- export [--prompts N] [--candidates K]`: seed N prompts × K candidates (default
// 250,000 × 4 = 1M, ~400-byte answers, all accepted) in a fresh database with generate_series, then
// export them as trl-sft JSONL through the same code as the CLI, and report rows/s and peak RSS.
// Seeding is not timed. Targets: ≥ 85,000 rows/s, peak RSS ≤ 300 MB.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { freshBenchDatabase, printResult, trackPeakRss } from './bench-utils';

const { values } = parseArgs({ options: { prompts: { type: 'string', default: '250000' }, candidates: { type: 'string', default: '4' } } });
const prompts = Number(values.prompts);
const perPrompt = Number(values.candidates);

const db = await freshBenchDatabase('export');
const dir = await mkdtemp(path.join(os.tmpdir(), 'winnow-bench-export-'));
try {
  const seedStarted = performance.now();
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: number }>(`INSERT INTO datasets (name, updated_at) VALUES ('bench-export', now()) RETURNING id`);
    const datasetId = rows[0].id;
    const run = await client.query<{ id: number }>(
      `INSERT INTO generation_runs (dataset_id, kind, model, params, status) VALUES ($1, 'generate', 'bench-model', '{"n": ${perPrompt}, "temperature": 0.7}', 'completed') RETURNING id`,
      [datasetId],
    );
    await client.query(
      `INSERT INTO prompts (dataset_id, external_id, messages, search_text)
       SELECT $1, 'p' || g, jsonb_build_array(jsonb_build_object('role', 'user', 'content', 'Question ' || g || ': ' || repeat(md5(g::text), 4))), ''
         FROM generate_series(1, $2) AS g`,
      [datasetId, prompts],
    );
    await client.query(
      `INSERT INTO candidates (dataset_id, prompt_id, run_id, sample_index, content, model, content_hash, aggregate, auto_verdict, final_status, rank)
       SELECT $1, p.id, $2, k, 'Answer ' || k || ': ' || repeat(md5(p.id::text || '-' || k), 12), 'bench-model', md5(p.id::text || '-' || k),
              (k + 1) / ($3 + 1.0), 'accepted', 'accepted', $3 - k
         FROM prompts p CROSS JOIN generate_series(0, $3 - 1) AS k WHERE p.dataset_id = $1`,
      [datasetId, run.rows[0].id, perPrompt],
    );
    await client.query('VACUUM ANALYZE prompts, prompt_search');
    await client.query('VACUUM ANALYZE candidates');
    console.log(`Seeded ${prompts.toLocaleString('en-US')} prompts × ${perPrompt} candidates in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

    const { runExport } = await import('../export/run-export');
    const { exportRequestSchema } = await import('../export/schemas');
    const { closePgPool } = await import('../db/pool');
    const { disconnectPrisma } = await import('../db/client');
    const file = path.join(dir, 'bench.jsonl');
    console.log(`RSS before the export: ${Math.round(process.memoryUsage().rss / 1048576)} MB`);
    const peakRss = trackPeakRss();
    const started = performance.now();
    const result = await runExport({ datasetId, request: exportRequestSchema.parse({ format: 'trl-sft' }), file, actor: { userId: null, label: 'bench' } });
    const seconds = (performance.now() - started) / 1000;
    const peak = peakRss();
    await Promise.all([closePgPool(), disconnectPrisma()]);

    const rowsOut = result.stats.rows;
    const size = (await stat(file)).size;
    const rowsPerS = Math.round(rowsOut / seconds);
    console.log(`Exported ${rowsOut.toLocaleString('en-US')} rows (${(size / 1048576).toFixed(0)} MB, sha256 ${result.stats.sha256.slice(0, 12)}…) in ${seconds.toFixed(1)} s`);
    console.log(`${rowsPerS.toLocaleString('en-US')} rows/s (target ≥ 85,000), peak RSS ${peak} MB (target ≤ 300)`);
    if (rowsOut !== prompts * perPrompt) throw new Error(`expected ${prompts * perPrompt} rows, wrote ${rowsOut}`);
    printResult({ bench: 'export', rows: rowsOut, rows_per_s: rowsPerS, seconds: Number(seconds.toFixed(2)), peak_rss_mb: peak, mb: Math.round(size / 1048576) });
  } finally {
    await client.end();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
  await db.release();
}
