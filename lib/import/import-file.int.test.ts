import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { hashContent } from '../candidates/hash-content';
import { pgPool } from '../db/pool';
import { importFile } from './import-file';
import { counts, jsonl, setupImportTestbed } from './import-test-helpers';

const { file } = setupImportTestbed();

describe('importFile: JSONL', () => {
  it('imports prompts, chat messages, bring-your-own candidates and scores', async () => {
    const p = await file(
      'data.jsonl',
      jsonl([
        {
          id: 'q1',
          prompt: 'What is 2+2?',
          reference: '4',
          metadata: { source: 'gsm8k', level: 1 },
          candidates: [
            { content: 'It is 4.', model: 'llama-3', scores: { rm: 0.9, judge: 7 } },
            { content: 'Five', model: 'llama-3', scores: { rm: -1.5 } },
          ],
        },
        {
          id: 2,
          messages: [
            { role: 'system', content: 'Answer in Python.' },
            { role: 'user', content: 'Write f() returning 1.' },
          ],
          reference: { tests: 'assert f() == 1', entry_point: 'f' },
          candidates: ['def f():\n    return 1', { content: 'def f(): return 2', model: 'llama-3' }],
        },
        { prompt: 'No id, no candidates', unknownField: { ignored: true } },
      ]),
    );
    const progress: number[] = [];
    const result = await importFile({ datasetName: 'demo', filePath: p, description: 'first', onProgress: (x) => progress.push(x.records) });
    expect(result).toMatchObject({ ok: true, dataset: 'demo', createdDataset: true, prompts: 3, candidates: 4, scores: 3 });
    expect(progress.at(-1)).toBe(3);

    const db = pgPool();
    const ds = (await db.query('SELECT id, name, description FROM datasets')).rows;
    expect(ds).toEqual([{ id: result.ok && result.datasetId, name: 'demo', description: 'first' }]);

    const prompts = (await db.query('SELECT external_id, messages, search_text, reference, metadata FROM prompts ORDER BY id')).rows;
    expect(prompts[0]).toEqual({
      external_id: 'q1',
      messages: [{ role: 'user', content: 'What is 2+2?' }],
      search_text: 'What is 2+2?',
      reference: '4',
      metadata: { source: 'gsm8k', level: 1 },
    });
    expect(prompts[1]).toMatchObject({
      external_id: '2',
      search_text: 'Answer in Python.\nWrite f() returning 1.',
      reference: { tests: 'assert f() == 1', entry_point: 'f' },
      metadata: null,
    });
    expect(prompts[2].external_id).toMatch(/^[0-9a-f]{16}$/);

    const runs = (await db.query('SELECT id, kind, status, model, params, total_prompts, done_prompts, candidate_count, finished_at FROM generation_runs')).rows;
    expect(runs).toHaveLength(1);
    // One candidate names no model, so the run has none.
    expect(runs[0]).toMatchObject({ kind: 'import', status: 'completed', model: null, params: { file: 'data.jsonl' }, total_prompts: 2, done_prompts: 2, candidate_count: 4 });
    expect(runs[0].finished_at).toBeInstanceOf(Date);

    const cands = (
      await db.query(
        `SELECT p.external_id, c.sample_index, c.content, c.model, c.content_hash, c.auto_verdict, c.final_status, c.run_id, c.dataset_id
         FROM candidates c JOIN prompts p ON p.id = c.prompt_id ORDER BY p.id, c.sample_index`,
      )
    ).rows;
    expect(cands.map((c) => [c.external_id, c.sample_index, c.content, c.model])).toEqual([
      ['q1', 0, 'It is 4.', 'llama-3'],
      ['q1', 1, 'Five', 'llama-3'],
      ['2', 0, 'def f():\n    return 1', null],
      ['2', 1, 'def f(): return 2', 'llama-3'],
    ]);
    for (const c of cands) {
      expect(c).toMatchObject({ auto_verdict: 'pending', final_status: 'pending', run_id: runs[0].id, dataset_id: ds[0].id });
      expect(c.content_hash).toBe(hashContent(c.content));
    }

    const evaluators = (await db.query('SELECT name, kind, role FROM evaluators ORDER BY name')).rows;
    expect(evaluators).toEqual([
      { name: 'judge', kind: 'imported', role: 'score' },
      { name: 'rm', kind: 'imported', role: 'score' },
    ]);
    const scores = (
      await db.query(
        `SELECT c.content, e.name, s.value, s.raw_value AS raw, s.error IS NOT NULL AS error FROM scores s JOIN candidates c ON c.id = s.candidate_id
         JOIN evaluators e ON e.id = s.evaluator_id ORDER BY c.id, e.name`,
      )
    ).rows;
    // The number is kept as raw_value; value is its 0..1 normalisation (imported default: values
    // outside 0..1 are errors until the evaluator's config.normalize says how to map them).
    expect(scores).toEqual([
      { content: 'It is 4.', name: 'judge', value: null, raw: 7, error: true },
      { content: 'It is 4.', name: 'rm', value: 0.9, raw: 0.9, error: false },
      { content: 'Five', name: 'rm', value: null, raw: -1.5, error: true },
    ]);
  });

  it('names the single model on the run, and adds to an existing dataset reusing its evaluators', async () => {
    const first = await file('a.jsonl', jsonl([{ id: 1, prompt: 'p1', candidates: [{ content: 'x', model: 'm', scores: { rm: 0.1 } }] }]));
    const r1 = await importFile({ datasetName: 'ds', filePath: first });
    expect(r1).toMatchObject({ ok: true, createdDataset: true });
    const second = await file('b.jsonl', jsonl([{ id: 2, prompt: 'p2', candidates: [{ content: 'y', model: 'm', scores: { rm: 0.2 } }] }]));
    const r2 = await importFile({ datasetName: 'ds', filePath: second, description: 'ignored' });
    expect(r2).toMatchObject({ ok: true, createdDataset: false, prompts: 1, candidates: 1, scores: 1 });
    expect(r1.ok && r2.ok && r1.datasetId === r2.datasetId).toBe(true);
    const db = pgPool();
    expect((await db.query('SELECT model, params FROM generation_runs ORDER BY id')).rows).toEqual([
      { model: 'm', params: { file: 'a.jsonl' } },
      { model: 'm', params: { file: 'b.jsonl' } },
    ]);
    expect((await db.query('SELECT description FROM datasets')).rows).toEqual([{ description: '' }]);
    expect(await counts()).toMatchObject({ datasets: 1, prompts: 2, candidates: 2, runs: 2, evaluators: 1, scores: 2 });
  });

  it('creates no run when there are no candidates, and uses the given file label', async () => {
    const p = await file('upload-123.tmp', jsonl([{ prompt: 'a' }, { prompt: 'b' }]));
    const result = await importFile({ datasetName: 'x', filePath: p, fileLabel: 'mine.jsonl' });
    expect(result).toMatchObject({ ok: true, prompts: 2, candidates: 0, scores: 0 });
    expect(await counts()).toMatchObject({ runs: 0, candidates: 0 });
  });

  it('accepts a BOM and CRLF line ends', async () => {
    const p = await file('crlf.jsonl', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"id":1,"prompt":"a"}\r\n{"id":2,"prompt":"b"}\r\n')]));
    expect(await importFile({ datasetName: 'x', filePath: p })).toMatchObject({ ok: true, prompts: 2 });
    expect((await pgPool().query('SELECT external_id, search_text FROM prompts ORDER BY id')).rows).toEqual([
      { external_id: '1', search_text: 'a' },
      { external_id: '2', search_text: 'b' },
    ]);
  });

  it('stores awkward text exactly: quotes, commas, backslashes, tabs, CR, unicode', async () => {
    const nasty = 'a "quoted", \\back\\slash\\ \t tab \r\n crlf \\. \\N ünï 🚀 ,,""';
    const p = await file('nasty.jsonl', jsonl([{ id: 'x,"y"', prompt: nasty, reference: nasty, candidates: [nasty, ''] }]));
    expect(await importFile({ datasetName: 'x', filePath: p })).toMatchObject({ ok: true, candidates: 2 });
    const row = (await pgPool().query('SELECT external_id, search_text, reference FROM prompts')).rows[0];
    expect(row).toEqual({ external_id: 'x,"y"', search_text: nasty, reference: nasty });
    expect((await pgPool().query('SELECT content FROM candidates ORDER BY sample_index')).rows).toEqual([{ content: nasty }, { content: '' }]);
  });

  it('writes many batches and keeps every candidate tied to its prompt', async () => {
    const records = Array.from({ length: 3000 }, (_, i) => ({
      id: `p${i}`,
      prompt: `prompt ${i}`,
      candidates: Array.from({ length: 4 }, (_, k) => ({ content: `answer ${i}.${k} ${'x'.repeat(300)}`, scores: { rm: k / 4 } })),
    }));
    const p = await file('many.jsonl', jsonl(records));
    expect(await importFile({ datasetName: 'many', filePath: p })).toMatchObject({ ok: true, prompts: 3000, candidates: 12000, scores: 12000 });
    const { rows } = await pgPool().query(
      `SELECT count(*)::int AS wrong FROM candidates c JOIN prompts p ON p.id = c.prompt_id
       WHERE c.content NOT LIKE 'answer ' || substr(p.external_id, 2) || '.' || c.sample_index || ' %'`,
    );
    expect(rows[0].wrong).toBe(0);
    const scores = await pgPool().query(`SELECT count(*)::int AS n FROM scores s JOIN candidates c ON c.id = s.candidate_id WHERE s.value = c.sample_index / 4.0`);
    expect(scores.rows[0].n).toBe(12000);
  });

  it('works with foreign-key checks left on (no bulk-load privilege)', async () => {
    process.env.WINNOW_IMPORT_FK_CHECKS = '1';
    try {
      const p = await file('fk.jsonl', jsonl([{ id: 1, prompt: 'a', candidates: [{ content: 'x', scores: { rm: 1 } }] }]));
      expect(await importFile({ datasetName: 'fk', filePath: p })).toMatchObject({ ok: true, prompts: 1, candidates: 1, scores: 1 });
    } finally {
      delete process.env.WINNOW_IMPORT_FK_CHECKS;
    }
  });
});

describe('importFile: CSV', () => {
  it('imports id, prompt, reference columns (quoted multi-line fields, BOM, CRLF)', async () => {
    const p = await file('data.csv', '\ufeffid,prompt,reference,notes\r\n1,"What is\r\n2+2?",4,x\r\n2,"Say ""hi""",,y\r\n');
    expect(await importFile({ datasetName: 'csv', filePath: p })).toMatchObject({ ok: true, prompts: 2, candidates: 0 });
    expect((await pgPool().query('SELECT external_id, search_text, reference, metadata FROM prompts ORDER BY id')).rows).toEqual([
      { external_id: '1', search_text: 'What is\r\n2+2?', reference: '4', metadata: null },
      { external_id: '2', search_text: 'Say "hi"', reference: null, metadata: null },
    ]);
  });

  it('applies a mapping', async () => {
    const p = await file('qa.csv', 'uid,question,answer\nk1,Q1?,A1\nk2,Q2?,A2\n');
    const r = await importFile({ datasetName: 'qa', filePath: p, mapping: { id: 'uid', prompt: 'question', reference: 'answer' } });
    expect(r).toMatchObject({ ok: true, prompts: 2 });
    expect((await pgPool().query('SELECT external_id, search_text, reference FROM prompts ORDER BY id')).rows).toEqual([
      { external_id: 'k1', search_text: 'Q1?', reference: 'A1' },
      { external_id: 'k2', search_text: 'Q2?', reference: 'A2' },
    ]);
  });
});

describe('importFile: Parquet', () => {
  it('imports plain columns with a list column of candidate strings', async () => {
    const buf = parquetWriteBuffer({
      columnData: [
        { name: 'id', data: [1n, 2n], type: 'INT64' },
        { name: 'prompt', data: ['p1', 'p2'], type: 'STRING' },
        { name: 'reference', data: ['r1', null], type: 'STRING' },
      ],
    });
    const p = await file('plain.parquet', buf);
    expect(await importFile({ datasetName: 'pq', filePath: p })).toMatchObject({ ok: true, prompts: 2 });
    expect((await pgPool().query('SELECT external_id, search_text, reference FROM prompts ORDER BY id')).rows).toEqual([
      { external_id: '1', search_text: 'p1', reference: 'r1' },
      { external_id: '2', search_text: 'p2', reference: null },
    ]);
  });

  it('imports messages and candidates as lists of structs, with scores', async () => {
    const p = await file('chat.parquet', chatParquet());
    expect(await importFile({ datasetName: 'pq', filePath: p })).toMatchObject({ ok: true, prompts: 2, candidates: 3, scores: 2 });
    const db = pgPool();
    expect((await db.query('SELECT messages FROM prompts ORDER BY id')).rows[1].messages).toEqual([
      { role: 'system', content: 'sys' },
      { role: 'user', content: 'u2' },
    ]);
    expect((await db.query('SELECT content, model, sample_index FROM candidates ORDER BY id')).rows).toEqual([
      { content: 'a1', model: 'm', sample_index: 0 },
      { content: 'a2', model: null, sample_index: 1 },
      { content: 'b1', model: 'm', sample_index: 0 },
    ]);
    expect((await db.query('SELECT value FROM scores ORDER BY value')).rows).toEqual([{ value: 0.25 }, { value: 0.5 }]);
  });

  it('applies a mapping to Parquet columns', async () => {
    const buf = parquetWriteBuffer({
      columnData: [
        { name: 'question', data: ['q1'], type: 'STRING' },
        { name: 'answer', data: ['a1'], type: 'STRING' },
      ],
    });
    const p = await file('mapped.parquet', buf);
    expect(await importFile({ datasetName: 'pq', filePath: p, mapping: { prompt: 'question', reference: 'answer' } })).toMatchObject({ ok: true, prompts: 1 });
  });
});

function chatParquet() {
  const schema = [
    { name: 'root', num_children: 3 },
    { name: 'id', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
    { name: 'messages', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    { name: 'element', repetition_type: 'OPTIONAL', num_children: 2 },
    { name: 'role', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
    { name: 'content', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
    { name: 'candidates', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    { name: 'element', repetition_type: 'OPTIONAL', num_children: 3 },
    { name: 'content', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
    { name: 'model', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
    { name: 'scores', repetition_type: 'OPTIONAL', num_children: 1 },
    { name: 'rm', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
  ] as const;
  return parquetWriteBuffer({
    columnData: [
      { name: 'id', data: ['a', 'b'] },
      {
        name: 'messages',
        data: [
          [{ role: 'user', content: 'u1' }],
          [
            { role: 'system', content: 'sys' },
            { role: 'user', content: 'u2' },
          ],
        ],
      },
      {
        name: 'candidates',
        data: [
          [
            { content: 'a1', model: 'm', scores: { rm: 0.5 } },
            { content: 'a2', model: null, scores: null },
          ],
          [{ content: 'b1', model: 'm', scores: { rm: 0.25 } }],
        ],
      },
    ],
    schema: schema as unknown as Parameters<typeof parquetWriteBuffer>[0]['schema'],
  });
}
