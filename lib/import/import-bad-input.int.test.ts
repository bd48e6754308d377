// Every kind of bad input: the error names file, line (or row) and field, and the database is unchanged.
import { parquetWriteBuffer } from 'hyparquet-writer';
import { beforeEach, describe, expect, it } from 'vitest';
import { pgPool } from '../db/pool';
import { importFile } from './import-file';
import { expectRejected, jsonl, setupImportTestbed } from './import-test-helpers';

const { file, path: tempPath } = setupImportTestbed();

/** A small existing dataset, so "unchanged" is checked against something. */
async function seedExisting() {
  const p = await file('seed.jsonl', jsonl([{ id: 's1', prompt: 'seed', candidates: [{ content: 'c', scores: { rm: 1 } }] }]));
  const r = await importFile({ datasetName: 'existing', filePath: p });
  expect(r.ok).toBe(true);
}

describe('importFile: bad input changes nothing', () => {
  beforeEach(() => seedExisting());

  it('invalid JSON on a line', async () => {
    const p = await file('data.jsonl', '{"prompt":"a"}\n{"prompt": "b",}\n');
    const r = await expectRejected({ datasetName: 'new', filePath: p });
    expect(r.errorCount).toBe(1);
    expect(r.lines[0]).toMatch(/^data\.jsonl:2: invalid JSON: /);
  });

  it('a line that is not an object', async () => {
    const r = await expectRejected({ datasetName: 'new', filePath: await file('data.jsonl', '{"prompt":"a"}\n["prompt"]\n') });
    expect(r.lines).toEqual(['data.jsonl:2: expected a JSON object ({…}) on each line, got an array']);
  });

  it('missing prompt, and wrong types, naming line and field', async () => {
    const p = await file(
      'data.jsonl',
      jsonl([
        { prompt: 'ok' },
        { reference: 'no prompt' },
        { messages: [{ role: 'user', content: 'hi' }, { role: 'bot', content: 'x' }] },
        { prompt: 'p', candidates: [{ content: 'c', scores: { rm: 'high' } }] },
        { prompt: 'p2', metadata: 'not an object' },
      ]),
    );
    const r = await expectRejected({ datasetName: 'existing', filePath: p });
    expect(r.lines).toEqual([
      'data.jsonl:2: field "prompt": missing: give "prompt" (text) or "messages" (chat)',
      'data.jsonl:3: field "messages[1].role": expected one of system|user|assistant',
      'data.jsonl:4: field "candidates[0].scores.rm": expected a finite number',
      'data.jsonl:5: field "metadata": expected an object',
    ]);
    expect(r.errorCount).toBe(4);
  });

  it('names the mapped source field', async () => {
    const p = await file('data.jsonl', jsonl([{ question: 'ok' }, { question: 3 }]));
    const r = await expectRejected({ datasetName: 'new', filePath: p, mapping: { prompt: 'question' } });
    expect(r.lines).toEqual(['data.jsonl:2: field "question": expected a string']);
  });

  it('an empty file, and one with only blank lines', async () => {
    for (const content of ['', '\n  \n\r\n']) {
      const r = await expectRejected({ datasetName: 'new', filePath: await file('empty.jsonl', content) });
      expect(r.lines).toEqual(['empty.jsonl: file is empty (no records)']);
    }
    const csv = await expectRejected({ datasetName: 'new', filePath: await file('empty.csv', 'id,prompt\n') });
    expect(csv.lines).toEqual(['empty.csv: file is empty (no records)']);
  });

  it('a line longer than the configured limit', async () => {
    const p = await file('long.jsonl', `{"prompt":"a"}\n{"prompt":"${'x'.repeat(2 << 20)}"}\n{"prompt":"c"}\n`);
    const r = await expectRejected({ datasetName: 'new', filePath: p, maxLineBytes: 1 << 20 });
    expect(r.lines).toEqual(['long.jsonl:2: line 2 is longer than 1 MB (limit WINNOW_IMPORT_MAX_LINE_BYTES)']);
  });

  it('a real 50 MB+ line against the default limit, quickly', async () => {
    const big = Buffer.alloc(60 << 20, 0x61);
    const p = await file('huge.jsonl', Buffer.concat([Buffer.from('{"prompt":"ok"}\n{"prompt":"'), big, Buffer.from('"}\n')]));
    const started = Date.now();
    const r = await expectRejected({ datasetName: 'new', filePath: p });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.lines).toEqual(['huge.jsonl:2: line 2 is longer than 50 MB (limit WINNOW_IMPORT_MAX_LINE_BYTES)']);
  });

  it('accepts a long line under the default limit', async () => {
    const p = await file('long-ok.jsonl', `{"id":"big","prompt":"${'y'.repeat(3 << 20)}"}\n`);
    expect(await importFile({ datasetName: 'new', filePath: p })).toMatchObject({ ok: true, prompts: 1 });
  });

  it('duplicate ids within the file name both lines', async () => {
    const p = await file('dup.jsonl', jsonl([{ id: 'a', prompt: 'x' }, { id: 'b', prompt: 'y' }, { id: 'a', prompt: 'z' }, { prompt: 'same' }, { prompt: 'same' }]));
    const r = await expectRejected({ datasetName: 'new', filePath: p });
    expect(r.lines).toEqual([
      'dup.jsonl:3: field "id": duplicate id "a" (first on line 1)',
      expect.stringMatching(/^dup\.jsonl:5: field "id": the same prompt and reference as line 4 \(records without an id/),
    ]);
  });

  it('ids that the dataset already has', async () => {
    const p = await file('more.jsonl', jsonl([{ id: 'new1', prompt: 'x' }, { id: 's1', prompt: 'y' }]));
    const r = await expectRejected({ datasetName: 'existing', filePath: p });
    expect(r.lines).toEqual(['more.jsonl:2: field "id": id "s1" is already in dataset "existing"']);
  });

  it('importing the same file twice', async () => {
    const records = Array.from({ length: 2500 }, (_, i) => ({ id: i, prompt: `p${i}`, candidates: [`c${i}`] }));
    const p = await file('twice.jsonl', jsonl(records));
    expect(await importFile({ datasetName: 'twice', filePath: p })).toMatchObject({ ok: true, prompts: 2500, candidates: 2500 });
    const r = await expectRejected({ datasetName: 'twice', filePath: p });
    expect(r.errorCount).toBe(2500);
    expect(r.errors).toHaveLength(50);
    expect(r.lines[0]).toBe('twice.jsonl:1: field "id": id "0" is already in dataset "twice"');
  });

  it('an error after many written batches rolls everything back, including the new dataset', async () => {
    const records: unknown[] = Array.from({ length: 6000 }, (_, i) => ({ id: i, prompt: `p${i}`, candidates: [{ content: 'x'.repeat(400), scores: { rm: 1 } }] }));
    records.push({ id: 'last', prompt: 42 });
    const p = await file('late.jsonl', jsonl(records));
    const r = await expectRejected({ datasetName: 'brand-new', filePath: p });
    expect(r.lines).toEqual(['late.jsonl:6001: field "prompt": expected a string']);
    expect((await pgPool().query(`SELECT count(*)::int AS n FROM datasets WHERE name = 'brand-new'`)).rows[0].n).toBe(0);
  });

  it('reports the first 50 errors and counts the rest', async () => {
    const p = await file('bad.jsonl', Array.from({ length: 120 }, (_, i) => `{"id":${i}}`).join('\n'));
    const r = await expectRejected({ datasetName: 'new', filePath: p });
    expect(r.errors).toHaveLength(50);
    expect(r.errorCount).toBe(120);
    expect(r.lines[49]).toMatch(/^bad\.jsonl:50: /);
  });

  it('CSV ragged rows, each named', async () => {
    const p = await file('rag.csv', 'id,prompt,reference\n1,a,b\n2,c\n3,d,e\n4,f,g,h\n');
    const r = await expectRejected({ datasetName: 'new', filePath: p });
    expect(r.lines).toEqual(['rag.csv:3: row has 2 fields, the header has 3', 'rag.csv:5: row has 4 fields, the header has 3']);
  });

  it('CSV without a prompt column', async () => {
    const r = await expectRejected({ datasetName: 'new', filePath: await file('cols.csv', 'question,answer\nq,a\n') });
    expect(r.lines).toEqual(['cols.csv:1: missing column "prompt" (or "messages"); columns: "question", "answer"']);
  });

  it('Parquet with missing columns, wrong types, or not Parquet at all', async () => {
    const missing = parquetWriteBuffer({ columnData: [{ name: 'question', data: ['q'], type: 'STRING' }] });
    let r = await expectRejected({ datasetName: 'new', filePath: await file('m.parquet', missing) });
    expect(r.lines).toEqual(['m.parquet: missing column "prompt" (or "messages"); columns: "question"']);

    const wrong = parquetWriteBuffer({ columnData: [{ name: 'prompt', data: [1, 2], type: 'INT32' }] });
    r = await expectRejected({ datasetName: 'new', filePath: await file('w.parquet', wrong) });
    expect(r.lines).toEqual(['w.parquet: row 1: field "prompt": expected a string', 'w.parquet: row 2: field "prompt": expected a string']);

    r = await expectRejected({ datasetName: 'new', filePath: await file('fake.parquet', '{"prompt":"x"}\n') });
    expect(r.lines).toEqual([expect.stringMatching(/^fake\.parquet: not a readable Parquet file/)]);
  });

  it('binary junk gives one error, not thousands', async () => {
    const junk = Buffer.alloc(200_000);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919) % 256;
    const r = await expectRejected({ datasetName: 'new', filePath: await file('junk.jsonl', junk) });
    expect(r.errorCount).toBe(1);
    expect(r.lines[0]).toMatch(/^junk\.jsonl:1: (binary data|not valid UTF-8)/);

    const pq = parquetWriteBuffer({ columnData: [{ name: 'prompt', data: ['x'], type: 'STRING' }] });
    const asText = await expectRejected({ datasetName: 'new', filePath: await file('data.jsonl', pq) });
    expect(asText.lines).toEqual(['data.jsonl:1: this is a Parquet file, not JSONL text: name it .parquet or pass format "parquet"']);
  });

  it('text PostgreSQL cannot store', async () => {
    const p = await file('nul.jsonl', jsonl([{ prompt: 'ok' }, { prompt: 'p', candidates: ['bad\u0000'] }]));
    const r = await expectRejected({ datasetName: 'new', filePath: p });
    expect(r.lines).toEqual([expect.stringMatching(/^nul\.jsonl:2: field "candidates\[0\]\.content": contains a NUL character/)]);
  });

  it('a missing file or a bad mapping', async () => {
    let r = await expectRejected({ datasetName: 'new', filePath: tempPath('nope.jsonl') });
    expect(r.lines).toEqual(['nope.jsonl: cannot read the file (ENOENT)']);
    r = await expectRejected({ datasetName: 'new', filePath: await file('ok.jsonl', '{"prompt":"a"}\n'), mapping: { question: 'prompt' } });
    expect(r.lines[0]).toMatch(/unknown field "question"/);
  });
});

