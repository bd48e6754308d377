// Prompt search reads prompt_search (migration prompt_search_table). The import writes those rows
// from a transaction of its own (search-rows.ts), the triggers on prompts for every other writer:
// imported prompts must be found through the trigram index, and a failed import, even one found
// wrong in its last batch or one that fails after its search rows committed, must leave none behind.
import { afterEach, describe, expect, it } from 'vitest';
import { pgPool } from '../db/pool';
import { prisma } from '../db/client';
import { searchCondition } from '../prompts/filter-sql';
import { importFile } from './import-file';
import { counts, expectRejected, jsonl, setupImportTestbed } from './import-test-helpers';

const { file } = setupImportTestbed();
const SEARCH_INDEX = 'prompt_search_text_trgm_idx';

/** ~3 MB: several COPY batches (the first is 256 KB), so search rows go out while later batches are written. */
const records = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `r${i}`,
    prompt: `Riddle ${i}: what walks on ${i % 7} legs at dawn? zyx${i}qv`,
    candidates: Array.from({ length: 4 }, (_, k) => ({ content: `Answer ${k} to riddle ${i}. `.repeat(20), model: 'm' })),
  }));

/** External ids of the dataset's prompts whose search text contains `text`, found through the trigram index. */
async function search(dataset: string, text: string) {
  const client = await pgPool().connect();
  try {
    await client.query('BEGIN');
    // Tables this small are best scanned whole, or probed by key: that is not what is tested here.
    await client.query('SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off; SET LOCAL enable_nestloop = off');
    const sql = `SELECT p.external_id FROM prompts p JOIN datasets d ON d.id = p.dataset_id
                 WHERE d.name = $1 AND ${searchCondition('d.id', '$2')} ORDER BY p.id`;
    const plan = (await client.query(`EXPLAIN ${sql}`, [dataset, `%${text}%`])).rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toContain(SEARCH_INDEX);
    const { rows } = await client.query<{ external_id: string }>(sql, [dataset, `%${text}%`]);
    return rows.map((r) => r.external_id);
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
}

const searchRowCount = async () => (await pgPool().query<{ n: number }>('SELECT count(*)::int AS n FROM prompt_search')).rows[0].n;

afterEach(() => {
  delete process.env.WINNOW_IMPORT_FK_CHECKS;
});

describe('importFile and prompt search', () => {
  it('finds prompts of the first and the last batch, and of a second import into the dataset', async () => {
    const result = await importFile({ datasetName: 'riddles', filePath: await file('many.jsonl', jsonl(records(1500))) });
    expect(result).toMatchObject({ ok: true, prompts: 1500, candidates: 6000 });
    expect(await search('riddles', 'ZYX3QV')).toEqual(['r3']);
    expect(await search('riddles', 'zyx1499qv')).toEqual(['r1499']);
    expect((await search('riddles', 'on 6 legs')).length).toBe(214);

    await importFile({ datasetName: 'riddles', filePath: await file('more.jsonl', jsonl([{ id: 'late', prompt: 'a late riddle zyxLATEqv' }])) });
    await importFile({ datasetName: 'other', filePath: await file('other.jsonl', jsonl([{ id: 'o', prompt: 'riddle elsewhere zyx3qv' }])) });
    expect(await search('riddles', 'zyxlateqv')).toEqual(['late']);
    expect(await search('riddles', 'zyx3qv')).toEqual(['r3']);
    expect(await searchRowCount()).toBe(1502);
  });

  it('a large import leaves the search table analysed, so search plans know its text', async () => {
    const reltuples = async () => Number((await pgPool().query(`SELECT reltuples FROM pg_class WHERE relname = 'prompt_search'`)).rows[0].reltuples);
    await importFile({ datasetName: 'small', filePath: await file('small.jsonl', jsonl(records(100).map((r) => ({ id: r.id, prompt: r.prompt })))) });
    const many = records(6000).map((r) => ({ id: `big${r.id}`, prompt: r.prompt }));
    await importFile({ datasetName: 'big', filePath: await file('big.jsonl', jsonl(many)) });
    expect(await reltuples()).toBe(6100);
  });

  it('a failed import after several batches leaves no search rows, and search finds none of its prompts', async () => {
    await importFile({ datasetName: 'before', filePath: await file('one.jsonl', jsonl([{ id: 'a', prompt: 'kept prompt zyx0qv' }])) });
    const bad = [...records(1500), { id: 'r0', prompt: 'duplicate at the end' }];
    const result = await expectRejected({ datasetName: 'riddles', filePath: await file('bad.jsonl', jsonl(bad)) });
    expect(result.lines[0]).toContain('duplicate id "r0"');
    expect(await counts()).toMatchObject({ datasets: 1, prompts: 1, candidates: 0, searchRows: 1 });
    expect(await search('before', 'zyx')).toEqual(['a']);
  });

  it('an import whose last batch repeats an id of the dataset leaves no search rows', async () => {
    await importFile({ datasetName: 'riddles', filePath: await file('one.jsonl', jsonl([{ id: 'r1499', prompt: 'already here' }])) });
    const result = await expectRejected({ datasetName: 'riddles', filePath: await file('many.jsonl', jsonl(records(1500))) });
    expect(result.lines).toEqual([expect.stringContaining('id "r1499" is already in dataset "riddles"')]);
  });

  it('deletes the search rows again when the import fails to commit after they did', async () => {
    await importFile({ datasetName: 'before', filePath: await file('one.jsonl', jsonl([{ id: 'a', prompt: 'kept prompt' }])) });
    // A deferred check that fails at COMMIT (ENABLE ALWAYS: the import runs with replica role).
    await pgPool().query(`
      CREATE FUNCTION refuse_riddles() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.external_id = 'r1499' THEN RAISE EXCEPTION 'refused at commit'; END IF; RETURN NULL; END $$;
      CREATE CONSTRAINT TRIGGER refuse_riddles AFTER INSERT ON prompts DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION refuse_riddles();
      ALTER TABLE prompts ENABLE ALWAYS TRIGGER refuse_riddles;`);
    try {
      await expect(importFile({ datasetName: 'riddles', filePath: await file('many.jsonl', jsonl(records(1500))) })).rejects.toThrow('refused at commit');
    } finally {
      await pgPool().query('DROP TRIGGER refuse_riddles ON prompts; DROP FUNCTION refuse_riddles()');
    }
    expect(await counts()).toMatchObject({ datasets: 1, prompts: 1, searchRows: 1 });
  });

  it('without the replica role the prompts trigger writes the search rows, in the import transaction', async () => {
    process.env.WINNOW_IMPORT_FK_CHECKS = '1';
    const result = await importFile({ datasetName: 'riddles', filePath: await file('few.jsonl', jsonl(records(300))) });
    expect(result).toMatchObject({ ok: true, prompts: 300 });
    expect(await search('riddles', 'zyx299qv')).toEqual(['r299']);
    await expectRejected({ datasetName: 'riddles2', filePath: await file('bad.jsonl', jsonl([...records(300), { id: 'r0', prompt: 'again' }])) });
    expect(await searchRowCount()).toBe(300);
  });
});

describe('prompt_search triggers', () => {
  it('follow every other writer of prompts: insert, a change of text, and deletion with the dataset', async () => {
    const ds = await prisma.dataset.create({ data: { name: 'hand-made' } });
    const made = await prisma.prompt.createManyAndReturn({
      data: ['alpha zyxAqv', 'beta zyxBqv'].map((t, i) => ({ datasetId: ds.id, externalId: `h${i}`, messages: [{ role: 'user', content: t }], searchText: t })),
    });
    expect(await search('hand-made', 'zyxbqv')).toEqual(['h1']);
    await prisma.prompt.update({ where: { id: made[1].id }, data: { searchText: 'gamma zyxCqv' } });
    expect(await search('hand-made', 'zyxbqv')).toEqual([]);
    expect(await search('hand-made', 'zyxcqv')).toEqual(['h1']);
    await prisma.prompt.delete({ where: { id: made[0].id } });
    expect(await searchRowCount()).toBe(1);
    await prisma.dataset.delete({ where: { id: ds.id } });
    expect(await searchRowCount()).toBe(0);
  });
});
