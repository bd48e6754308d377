import { describe, expect, it } from 'vitest';
import { hashContent } from '../candidates/hash-content';
import { BinaryCopyBuffer } from './binary-copy';
import { decodeBinaryCopy } from './binary-copy-decode';
import { parseCsvRow } from './copy-csv';
import { addCandidateRow, addPromptRow, addSearchRow, scoreRow } from './copy-rows';

/** The one row in `b`, fields as int (4-byte), jsonb (version byte 1 + text), text, or null. */
function onlyRow(b: BinaryCopyBuffer, kinds: ('int' | 'text' | 'jsonb')[]) {
  const rows = decodeBinaryCopy(Buffer.concat(b.take()));
  expect(rows).toHaveLength(1);
  expect(rows[0]).toHaveLength(kinds.length);
  return rows[0].map((f, i) => {
    if (f === null) return null;
    if (kinds[i] === 'int') return (expect(f.length).toBe(4), f.readInt32BE(0));
    if (kinds[i] === 'jsonb') return (expect(f[0]).toBe(1), f.subarray(1).toString('utf8'));
    return f.toString('utf8');
  });
}

describe('COPY rows', () => {
  it('prompt rows carry the JSON fields as jsonb, NULL when absent', () => {
    const b = new BinaryCopyBuffer();
    addPromptRow(b, 7, 2, {
      externalId: 'a,1',
      idGenerated: false,
      messagesJson: '[{"role":"user","content":"Hi\\n\\"you\\""}]',
      searchText: 'Hi\n"you"',
      referenceJson: null,
      metadataJson: '{"k":1}',
      candidates: [],
    });
    expect(onlyRow(b, ['int', 'int', 'text', 'jsonb', 'text', 'jsonb', 'jsonb'])).toEqual([7, 2, 'a,1', '[{"role":"user","content":"Hi\\n\\"you\\""}]', 'Hi\n"you"', null, '{"k":1}']);
  });

  it('search rows carry the prompt id, the dataset and the search text', () => {
    const b = new BinaryCopyBuffer();
    addSearchRow(b, 7, 2, { externalId: 'a', idGenerated: false, messagesJson: '[]', searchText: 'Hi ü 🚀\n"you"', referenceJson: null, metadataJson: null, candidates: [] });
    expect(onlyRow(b, ['int', 'int', 'text'])).toEqual([7, 2, 'Hi ü 🚀\n"you"']);
  });

  it('candidate rows carry the content hash', () => {
    const b = new BinaryCopyBuffer();
    addCandidateRow(b, 10, 2, 7, 3, 1, { content: ' x\n y ', model: null, scores: null });
    addCandidateRow(b, 11, 2, 7, 3, 2, { content: 'ü 🚀', model: 'm', scores: null });
    const rows = decodeBinaryCopy(Buffer.concat(b.take())).map((r) => r.map((f, i) => (f === null ? null : i < 5 ? f.readInt32BE(0) : f.toString('utf8'))));
    expect(rows).toEqual([
      [10, 2, 7, 3, 1, ' x\n y ', null, hashContent('x y')],
      [11, 2, 7, 3, 2, 'ü 🚀', 'm', hashContent('ü 🚀')],
    ]);
  });

  it('score rows keep the raw value as given, next to its normalised value or error', () => {
    expect(scoreRow(10, 4, 0.1)).toBe('10,4,0.1,0.1,\n');
    expect(scoreRow(10, 4, -3.5e21, { value: 0, error: null })).toBe('10,4,0,-3.5e+21,\n');
    expect(parseCsvRow(scoreRow(10, 4, 6.1, { value: null, error: 'imported score 6.1 is "out"' }))).toEqual(['10', '4', null, '6.1', 'imported score 6.1 is "out"']);
  });
});
