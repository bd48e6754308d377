import { describe, expect, it } from 'vitest';
import { deriveDataset, deriveDatasetAsync, type CandidateRow } from './derive-dataset';
import { derivePromptVerdicts } from './derive-verdicts';
import { preparePolicy } from './prepare-policy';
import { parsePolicy } from './schemas';
import { cand, JUDGE, MATH } from './test-fixtures';

const plan = preparePolicy(parsePolicy({}), [MATH, JUDGE]);
const row = (promptId: number, id: number, gate: boolean, judge: number): CandidateRow => ({
  promptId,
  ...cand({ id, scores: { [MATH.id]: gate, [JUDGE.id]: judge } }),
});
const rows: CandidateRow[] = [row(1, 1, true, 0.9), row(1, 2, true, 0.8), row(2, 3, false, 0.9), row(5, 4, true, 0.6), row(5, 5, true, 0.7)];

describe('deriveDataset', () => {
  it('yields one outcome per prompt, equal to deriving each prompt alone', () => {
    const out = [...deriveDataset(plan, rows)];
    expect(out.map((o) => o.promptId)).toEqual([1, 2, 5]);
    for (const o of out) {
      const alone = derivePromptVerdicts(plan, rows.filter((r) => r.promptId === o.promptId));
      expect({ candidates: o.candidates, prompt: o.prompt }).toEqual(alone);
    }
    expect(out[2].prompt.acceptedCount).toBe(1);
  });

  it('is lazy: a prompt is yielded as soon as the next one starts', () => {
    let pulled = 0;
    function* source() {
      for (const r of rows) {
        pulled++;
        yield r;
      }
    }
    const it = deriveDataset(plan, source());
    expect(it.next().value?.promptId).toBe(1);
    expect(pulled).toBe(3); // the two rows of prompt 1 and the first of prompt 2
  });

  it('refuses rows out of promptId order', () => {
    expect(() => [...deriveDataset(plan, [rows[2], rows[0]])]).toThrow('Candidate rows must be sorted by promptId: got prompt 1 after prompt 2');
  });

  it('yields nothing for no rows', () => {
    expect([...deriveDataset(plan, [])]).toEqual([]);
  });

  it('streams async sources the same way', async () => {
    async function* source() {
      for (const r of rows) yield r;
    }
    const out = [];
    for await (const o of deriveDatasetAsync(plan, source())) out.push(o);
    expect(out).toEqual([...deriveDataset(plan, rows)]);
  });
});
