import { describe, expect, it } from 'vitest';
import { decodeBinaryCopy } from './binary-copy-decode';
import { histBin, ImportSummaries } from './import-summaries';

const ints = (rows: (Buffer | null)[][]) => rows.map((r) => r.map((f) => (f === null ? null : f.readInt32BE(0))));

describe('ImportSummaries', () => {
  it('queues one yield pair and one yield prompt row per prompt, highest sample index = candidates - 1', () => {
    const s = new ImportSummaries(9);
    s.addPrompt(100, 5, 8);
    s.addPrompt(101, 5, 1);
    const [[pairsSql, pairs], [promptsSql, prompts]] = s.takeCopies();
    expect(pairsSql).toContain('COPY insight_yield_pairs (prompt_id, run_id, dataset_id, first_pass, max_index)');
    expect(promptsSql).toContain('COPY insight_yield_prompts (prompt_id, dataset_id, first_pass, max_index)');
    expect(ints(decodeBinaryCopy(Buffer.concat(pairs)))).toEqual([
      [100, 5, 9, null, 7],
      [101, 5, 9, null, 0],
    ]);
    expect(ints(decodeBinaryCopy(Buffer.concat(prompts)))).toEqual([
      [100, 9, null, 7],
      [101, 9, null, 0],
    ]);
    // Taken: the next batch starts empty.
    expect(s.takeCopies().map(([, data]) => data)).toEqual([[], []]);
  });

  it('drops the rows of a batch that is not written', () => {
    const s = new ImportSummaries(1);
    s.addPrompt(1, 1, 2);
    s.dropRows();
    s.addPrompt(2, 1, 3);
    const [[, pairs]] = s.takeCopies();
    expect(ints(decodeBinaryCopy(Buffer.concat(pairs)))).toEqual([[2, 1, 1, null, 2]]);
  });

  it('bins like least(9, floor(value * 10 + 1e-9)): float error below an edge still lands on it, 1 goes to 9', () => {
    expect([0, 0.05, 0.3, 0.1 + 0.2, 0.7, 0.999, 1].map(histBin)).toEqual([0, 0, 3, 3, 7, 9, 9]);
  });
});
