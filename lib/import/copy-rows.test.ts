import { describe, expect, it } from 'vitest';
import { hashContent } from '../candidates/hash-content';
import { parseCsvRow } from './copy-csv';
import { candidateRow, promptRow, scoreRow } from './copy-rows';

describe('COPY rows', () => {
  it('prompt rows carry the JSON fields as quoted text, NULL when absent', () => {
    const row = promptRow(7, 2, {
      externalId: 'a,1',
      idGenerated: false,
      messagesJson: '[{"role":"user","content":"Hi\\n\\"you\\""}]',
      searchText: 'Hi\n"you"',
      referenceJson: null,
      metadataJson: '{"k":1}',
      candidates: [],
    });
    expect(parseCsvRow(row)).toEqual(['7', '2', 'a,1', '[{"role":"user","content":"Hi\\n\\"you\\""}]', 'Hi\n"you"', null, '{"k":1}']);
  });

  it('candidate rows carry the content hash', () => {
    const row = candidateRow(10, 2, 7, 3, 1, { content: ' x\n y ', model: null, scores: null });
    expect(parseCsvRow(row)).toEqual(['10', '2', '7', '3', '1', ' x\n y ', null, hashContent('x y')]);
  });

  it('score rows keep the value as given', () => {
    expect(scoreRow(10, 4, 0.1)).toBe('10,4,0.1\n');
    expect(scoreRow(10, 4, -3.5e21)).toBe('10,4,-3.5e+21\n');
  });
});
