// An import into an empty dataset writes the Insight summaries itself (import-summaries.ts) instead of
// rebuilding them from the rows: they must be exactly what insight_rebuild() computes.
import { describe, expect, it } from 'vitest';
import { pgPool } from '../db/pool';
import { summarySnapshot } from '../insight/testing/summary-snapshot';
import { importFile } from './import-file';
import { histBin } from './import-summaries';
import { jsonl, setupImportTestbed } from './import-test-helpers';

const { file } = setupImportTestbed();

async function importOk(name: string, records: unknown[], dataset = 'summaries') {
  const result = await importFile({ datasetName: dataset, filePath: await file(name, jsonl(records)) });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

const kinds = (lines: string[]) => [...new Set(lines.map((l) => l.split(' ')[0]))].sort();

describe('import summaries (empty dataset)', () => {
  it('equal the rebuild: several models and none, uneven sample counts, bin edges, errored scores, a prompt without candidates', async () => {
    const result = await importOk('a.jsonl', [
      {
        id: 'q1',
        prompt: 'one',
        candidates: [
          { content: 'a1', model: 'a', scores: { rm: 0.3, judge: 7 } },
          { content: 'a2', model: 'a', scores: { rm: 0.95 } },
          { content: 'a3', model: 'b', scores: { rm: 1, judge: 0.7 } },
        ],
      },
      { id: 'q2', prompt: 'two', candidates: ['bare, no model'] },
      { id: 'q3', prompt: 'three, no candidates' },
      { id: 'q4', prompt: 'four', candidates: [0, 1, 2, 3, 4].map((k) => ({ content: `d${k}`, model: 'b', scores: { rm: k / 10 } })) },
    ]);
    expect(result).toMatchObject({ prompts: 4, candidates: 9 });
    const { maintained, rebuilt } = await summarySnapshot(result.datasetId);
    expect(kinds(maintained)).toEqual(['cost', 'hist', 'pair', 'prompt', 'yield']);
    expect(maintained.filter((l) => l.startsWith('pair '))).toHaveLength(3);
    expect(maintained).toEqual(rebuilt);
  });

  it('replace the zero-sum rows a dataset kept from prompts deleted earlier', async () => {
    const first = await importOk('a.jsonl', [{ id: 'x', prompt: 'x', candidates: [{ content: 'x1', model: 'm' }, 'x2'] }]);
    await pgPool().query('DELETE FROM prompts WHERE dataset_id = $1', [first.datasetId]);
    const leftover = await pgPool().query('SELECT count(*)::int AS n FROM insight_cost_cells WHERE dataset_id = $1', [first.datasetId]);
    expect(leftover.rows[0].n).toBeGreaterThan(0);

    const second = await importOk('b.jsonl', [{ id: 'y', prompt: 'y', candidates: [{ content: 'y1', model: 'm' }] }]);
    expect(second).toMatchObject({ datasetId: first.datasetId, createdDataset: false });
    const { maintained, rebuilt } = await summarySnapshot(second.datasetId);
    expect(maintained).toEqual(rebuilt);
    const cost = await pgPool().query('SELECT run_id, model, n::int FROM insight_cost_cells WHERE dataset_id = $1', [second.datasetId]);
    expect(cost.rows).toEqual([{ run_id: expect.any(Number), model: 'm', n: 1 }]);
  });

  it('bins scores as the SQL does: least(9, floor(value * 10 + 1e-9))', async () => {
    const values = [0, 0.1, 0.3, 0.7, 0.29999999999, 0.99999, 1];
    const { rows } = await pgPool().query<{ bin: number }>('SELECT least(9, floor(v * 10 + 1e-9))::int AS bin FROM unnest($1::float8[]) WITH ORDINALITY AS t(v, i) ORDER BY i', [values]);
    expect(values.map(histBin)).toEqual(rows.map((r) => r.bin));
  });
});
