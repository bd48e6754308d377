// The import merges the search index's pending list from a second connection while it runs
// (pending-list-cleaner.ts): imported prompts must be found by search through the index, nothing may
// be left pending, and a failed import must still leave nothing behind.
import { describe, expect, it } from 'vitest';
import { pgPool } from '../db/pool';
import { importFile } from './import-file';
import { counts, expectRejected, jsonl, setupImportTestbed } from './import-test-helpers';
import { SEARCH_INDEX } from './pending-list-cleaner';

const { file } = setupImportTestbed();

/** ~3 MB: several COPY batches (the first is 1 MB), so merges run while later batches are written. */
const records = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `r${i}`,
    prompt: `Riddle ${i}: what walks on ${i % 7} legs at dawn? zyx${i}qv`,
    candidates: Array.from({ length: 4 }, (_, k) => ({ content: `Answer ${k} to riddle ${i}. `.repeat(20), model: 'm' })),
  }));

/** Prompts matching `text` through the trigram index (sequential scans off). */
async function searchByIndex(text: string) {
  const client = await pgPool().connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL enable_seqscan = off');
    const plan = (await client.query(`EXPLAIN SELECT external_id FROM prompts WHERE search_text ILIKE $1`, [`%${text}%`])).rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toContain(SEARCH_INDEX);
    const { rows } = await client.query<{ external_id: string }>('SELECT external_id FROM prompts WHERE search_text ILIKE $1 ORDER BY 1', [`%${text}%`]);
    await client.query('COMMIT');
    return rows.map((r) => r.external_id);
  } finally {
    client.release();
  }
}

describe('importFile and the prompt search index', () => {
  it('leaves no pending entries, and search finds prompts of the first and the last batch', async () => {
    const p = await file('many.jsonl', jsonl(records(1500)));
    const result = await importFile({ datasetName: 'riddles', filePath: p });
    expect(result).toMatchObject({ ok: true, prompts: 1500, candidates: 6000 });
    // Pages a merge still finds pending: the import merged them all before it returned.
    const { rows } = await pgPool().query('SELECT gin_clean_pending_list($1::regclass) AS pages', [SEARCH_INDEX]);
    expect(Number(rows[0].pages)).toBe(0);
    expect(await searchByIndex('ZYX3QV')).toEqual(['r3']);
    expect(await searchByIndex('zyx1499qv')).toEqual(['r1499']);
    expect((await searchByIndex('on 6 legs')).length).toBe(214);
  });

  it('a failed import after several batches leaves nothing, and search finds none of its prompts', async () => {
    await importFile({ datasetName: 'before', filePath: await file('one.jsonl', jsonl([{ id: 'a', prompt: 'kept prompt zyx0qv' }])) });
    const bad = [...records(1500), { id: 'r0', prompt: 'duplicate at the end' }];
    const result = await expectRejected({ datasetName: 'riddles', filePath: await file('bad.jsonl', jsonl(bad)) });
    expect(result.lines[0]).toContain('duplicate id "r0"');
    expect(await counts()).toMatchObject({ datasets: 1, prompts: 1, candidates: 0 });
    expect(await searchByIndex('zyx')).toEqual(['a']);
    expect(await searchByIndex('riddle')).toEqual([]);
  });
});
