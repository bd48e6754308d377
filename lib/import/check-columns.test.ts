import { describe, expect, it } from 'vitest';
import { checkColumns, neededColumns } from './check-columns';

describe('checkColumns', () => {
  it('needs prompt or messages (or what they are mapped from)', () => {
    expect(checkColumns(['id', 'prompt'], undefined)).toBeNull();
    expect(checkColumns(['messages'], undefined)).toBeNull();
    expect(checkColumns(['q'], { prompt: 'q' })).toBeNull();
    expect(checkColumns(['data'], { prompt: 'data.q' })).toBeNull();
    expect(checkColumns(['a', 'b'], undefined)).toBe('missing column "prompt" (or "messages"); columns: "a", "b"');
    expect(checkColumns([], undefined)).toBe('missing column "prompt" (or "messages"); columns: none');
    expect(checkColumns(['prompt'], { reference: 'answer' })).toBe('column "answer" (mapped to reference) not found; columns: "prompt"');
  });
});

describe('neededColumns', () => {
  it('keeps only the columns a record is built from', () => {
    expect(neededColumns(['id', 'prompt', 'junk', 'candidates'], undefined)).toEqual(['id', 'prompt', 'candidates']);
    expect(neededColumns(['q', 'a', 'prompt', 'other'], { prompt: 'q', reference: 'a.text' })).toEqual(['q', 'a']);
  });
});
