// The SQL fast path of the SFT formats (sft-sql.ts + stream-sql-export.ts) against the TypeScript
// serializers, on prompts and answers chosen to break it: control characters, quotes, backslashes,
// U+2028, emoji and CJK, whitespace JavaScript trims but PostgreSQL's default btrim does not, every
// conversation-rule violation, run system prompts (used, blank, not a string), rank/score ties and
// NULLs. Both paths must give the same bytes, counts, skips, runs and per-prompt digest.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../db/client';
import { closePgPool, pgPool } from '../db/pool';
import { resetDatabase } from '../testing/reset-database';
import { loadExportContext } from './load-context';
import { readDigest } from './prompt-digest';
import { countExport, runExport } from './run-export';
import { exportRequestSchema, type ExportRequest } from './schemas';
import { SQL_FORMATS } from './sft-sql';
import { streamSqlExport } from './stream-sql-export';

const TRICKY = 'ctl \u0001\u001f\b\f\n\r\t "q" \\ / \u007f \u2028\u2029 🙂👍🏽 你好 こんにちは';
let dir = '';
let datasetId = 0;
const actor = { userId: null, label: 'test' };
const req = (format: string, filters: Record<string, unknown> = {}): ExportRequest => exportRequestSchema.parse({ format, filters });

type Msg = { role: string; content: string };
const u = (content: string): Msg => ({ role: 'user', content });
const a = (content: string): Msg => ({ role: 'assistant', content });
const s = (content: string): Msg => ({ role: 'system', content });

async function seed(name: string, prompts: [string, unknown][]) {
  const dataset = await prisma.dataset.create({ data: { name } });
  const runs = await Promise.all(
    [{ system: 'You are terse. 🙂 "ok"' }, { system: '  \u00a0 ' }, { system: 42 }, {}].map((params, i) =>
      prisma.generationRun.create({ data: { datasetId: dataset.id, kind: 'generate', model: `m${i}`, params, status: 'completed' } }),
    ),
  );
  const exact = await prisma.evaluator.create({ data: { datasetId: dataset.id, name: 'exact', kind: 'exact', role: 'gate', config: {} } });
  const answers = ['Answer ' + TRICKY, '  \n\t', '\u00a0\u3000', '\u180e not JS whitespace', 'fine', '\ufeffBOM then text', 'tie', 'tie'];
  const statuses = ['accepted', 'approved', 'rejected', 'pending'] as const;
  let k = 0;
  for (const [externalId, messages] of prompts) {
    const prompt = await prisma.prompt.create({ data: { datasetId: dataset.id, externalId, messages: messages as object, searchText: '' } });
    for (let i = 0; i < 6; i++, k++) {
      const c = await prisma.candidate.create({
        data: {
          datasetId: dataset.id,
          promptId: prompt.id,
          runId: runs[k % runs.length].id,
          sampleIndex: i,
          content: answers[(k * 5 + i) % answers.length],
          contentHash: `${externalId}-${i}`,
          aggregate: [null, 0.5, 0.9, 0.5, 0.1, 0.30000000000000004][(k + i) % 6],
          rank: [null, 1, 2, 2, null, 3][(k * 3 + i) % 6],
          autoVerdict: 'accepted',
          finalStatus: statuses[(k + 2 * i) % 4],
        },
      });
      if (i % 3 !== 2) await prisma.score.create({ data: { candidateId: c.id, evaluatorId: exact.id, value: i % 3, passed: i % 3 === 0 } });
    }
  }
  return dataset.id;
}

beforeAll(async () => {
  await resetDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'winnow-export-sql-'));
  datasetId = await seed('sql-engine', [
    ['plain', [u(`Hello ${TRICKY}`)]],
    ['with-system', [s('Be brief.'), u('What is 6×7?')]],
    ['multi', [u('First'), a('First answer'), u('Follow-up 中文')]],
    ['two-users', [u('a'), u('b')]],
    ['ends-assistant', [u('q'), a('already answered')]],
    ['empty', []],
    ['blank-js', [u('\u00a0\u3000\u2028')]],
    ['system-only', [s('only a system')]],
    ['assistant-first', [a('hi'), u('q')]],
    ['blank-system', [s('\u2029'), u('q')]],
    ['id\twith "quotes"\\', [u('escaped id')]],
    ['zz-last', [s('sys'), u('q1'), a('a1'), u('q2')]],
  ]);
});
afterAll(async () => {
  await closePgPool();
  await rm(dir, { recursive: true, force: true });
});

const FILTERS: Record<string, unknown>[] = [
  {},
  { status: 'all' },
  { status: 'approved' },
  { topK: 1 },
  { topK: 2, status: 'all' },
  { minScore: 0.5 },
  { minScore: 0.30000000000000004, status: 'all' },
  { status: 'all', evaluators: ['exact=pass'] },
  { status: 'all', evaluators: ['exact=fail'], topK: 3 },
];

describe('SQL export path = TypeScript serializers, byte for byte', () => {
  for (const format of SQL_FORMATS) {
    it(`${format}: same file, counts, skips, runs and digest under every filter`, async () => {
      for (const [i, filters] of FILTERS.entries()) {
        const request = req(format, filters);
        const label = `${format} ${JSON.stringify(filters)}`;
        const ts = await runExport({ datasetId, request, file: path.join(dir, `${format}-${i}-ts.jsonl`), actor, engine: 'ts' });
        const sql = await runExport({ datasetId, request, file: path.join(dir, `${format}-${i}-sql.jsonl`), actor });
        const [tsBytes, sqlBytes] = await Promise.all([readFile(ts.file), readFile(sql.file)]);
        expect(sqlBytes.toString('utf8'), label).toBe(tsBytes.toString('utf8'));
        expect(sqlBytes.equals(tsBytes), label).toBe(true);
        const { digest: tsDigest, ...tsStats } = ts.stats;
        const { digest: sqlDigest, ...sqlStats } = sql.stats;
        expect(sqlStats, label).toEqual(tsStats);
        expect([...readDigest(sqlDigest!)], label).toEqual([...readDigest(tsDigest!)]);
        // The preview counts what the export writes (the old TypeScript count used PostgreSQL's btrim,
        // which keeps a no-break space: it over-counted blank answers).
        expect(await countExport(datasetId, request), label).toEqual({ rows: ts.stats.rows, examples: ts.stats.examples, prompts: ts.stats.prompts, skipped: ts.stats.skipped });
      }
    });
  }

  it('the fixtures do exercise rows, skips of every kind and the run system prompt', async () => {
    const chat = await runExport({ datasetId, request: req('trl-sft', { status: 'all' }), file: path.join(dir, 'check.jsonl'), actor });
    expect(chat.stats.rows).toBeGreaterThan(10);
    expect(Object.keys(chat.stats.skipped).sort()).toEqual(['empty-content', 'roles-do-not-alternate']);
    const text = await readFile(chat.file, 'utf8');
    expect(text).toContain(JSON.stringify(TRICKY).slice(1, -1));
    expect(text).toContain('{"role":"system","content":"You are terse. 🙂 \\"ok\\""}');
    const alpaca = await countExport(datasetId, req('alpaca', { status: 'all' }));
    expect(alpaca.skipped['multi-turn']).toBeGreaterThan(0);
    // The TypeScript path's preview (DPO, raw) treats JS-only whitespace as blank too.
    for (const format of ['trl-dpo', 'raw']) {
      const dpo = await runExport({ datasetId, request: req(format, { status: 'all', pairsPerPrompt: 3 }), file: path.join(dir, `${format}.jsonl`), actor });
      const count = await countExport(datasetId, req(format, { status: 'all', pairsPerPrompt: 3 }));
      expect(count, format).toEqual({ rows: dpo.stats.rows, examples: dpo.stats.examples, prompts: dpo.stats.prompts, skipped: dpo.stats.skipped });
    }
  });

  it("reads only its own dataset's candidates when another dataset's prompts lie between its prompt ids", async () => {
    const x = await seed('range-x', [['x1', [u('one')]]]);
    const y = await seed('range-y', [['y1', [u('other')]]]);
    // A later prompt of x: y's prompt (and candidate) ids now lie inside x's prompt id range.
    const run = await prisma.generationRun.findFirstOrThrow({ where: { datasetId: x }, orderBy: { id: 'desc' } });
    const late = await prisma.prompt.create({ data: { datasetId: x, externalId: 'x2', messages: [u('two')], searchText: '' } });
    for (const [i, content] of ['late b', 'late a'].entries())
      await prisma.candidate.create({
        data: { datasetId: x, promptId: late.id, runId: run.id, sampleIndex: i, content, contentHash: `x2-${i}`, aggregate: 0.5, rank: 2 - i, autoVerdict: 'accepted', finalStatus: 'accepted' },
      });
    for (const [id, format] of [[x, 'trl-sft'], [y, 'sharegpt'], [x, 'alpaca']] as const) {
      const request = req(format, { status: 'all', topK: 4 });
      const ts = await runExport({ datasetId: id, request, file: path.join(dir, `range-${id}-${format}-ts.jsonl`), actor, engine: 'ts' });
      const sql = await runExport({ datasetId: id, request, file: path.join(dir, `range-${id}-${format}-sql.jsonl`), actor });
      expect(await readFile(sql.file, 'utf8'), format).toBe(await readFile(ts.file, 'utf8'));
      expect(sql.stats.sha256).toBe(ts.stats.sha256);
    }
    const lines = (await readFile(path.join(dir, `range-${x}-trl-sft-sql.jsonl`), 'utf8')).trim().split('\n');
    expect(lines.some((l) => l.includes('other'))).toBe(false);
    expect(lines.slice(-2).map((l) => JSON.parse(l).messages.at(-1).content)).toEqual(['late a', 'late b']);
  });

  it('falls back (null) when a prompt has messages that are not plain {role, content} strings', async () => {
    const other = await seed('not-plain', [['odd', [{ role: 'user', content: 'x', name: 'bob' }]]]);
    const info = await loadExportContext(pgPool(), other);
    const out = await streamSqlExport({ pool: pgPool(), datasetId: other, format: 'trl-sft', filters: req('trl-sft').filters, ctx: info!.ctx, out: null, drained: async () => {} });
    expect(out).toBeNull();
    const sql = await runExport({ datasetId: other, request: req('trl-sft', { status: 'all' }), file: path.join(dir, 'odd.jsonl'), actor });
    expect((await readFile(sql.file, 'utf8')).split('\n')[0]).toContain('"name":"bob"');
  });

  it('falls back for every other shape that is not plain, one message or several', async () => {
    const odd: unknown[] = [
      [{ role: 'user', content: [{ type: 'text', text: 'x' }] }],
      ['just a string'],
      [{ content: 'no role' }],
      [{ role: 'user', content: null }],
      [[{ role: 'user', content: 'nested' }]],
      { role: 'user', content: 'not an array' },
      'a string',
      [u('fine'), a('fine'), { role: 'user', content: 'x', extra: 1 }],
      [u('fine'), 7, u('x')],
    ];
    for (const [i, messages] of odd.entries()) {
      const id = await seed(`odd-${i}`, [['plain', [u('q')]], ['odd', messages]]);
      const info = await loadExportContext(pgPool(), id);
      const out = await streamSqlExport({ pool: pgPool(), datasetId: id, format: 'trl-sft', filters: req('trl-sft').filters, ctx: info!.ctx, out: null, drained: async () => {} });
      expect(out, JSON.stringify(messages)).toBeNull();
    }
    const plain = await seed('plain-only', [['one', [u('q')]], ['two', [s('sys'), u('q'), a('a'), u('q2')]]]);
    const info = await loadExportContext(pgPool(), plain);
    expect(await streamSqlExport({ pool: pgPool(), datasetId: plain, format: 'trl-sft', filters: req('trl-sft').filters, ctx: info!.ctx, out: null, drained: async () => {} })).not.toBeNull();
  });
});
