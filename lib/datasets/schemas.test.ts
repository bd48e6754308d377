import { describe, expect, it } from 'vitest';
import { describeImportError, fieldMapProblem, importFormSchema, importResponseSchema } from './schemas';

describe('fieldMapProblem', () => {
  it('accepts empty and valid mappings, explains bad ones', () => {
    expect(fieldMapProblem('')).toBeNull();
    expect(fieldMapProblem('prompt=question, reference=data.answer')).toBeNull();
    expect(fieldMapProblem('prompt')).toMatch(/target=source/);
    expect(fieldMapProblem('answer=x')).toMatch(/unknown field/);
  });
});

describe('importFormSchema', () => {
  it('trims and requires a dataset name, checks the mapping', () => {
    expect(importFormSchema.parse({ dataset: ' my-set ' })).toEqual({ dataset: 'my-set', description: '', map: '' });
    expect(importFormSchema.safeParse({ dataset: '  ' }).success).toBe(false);
    expect(importFormSchema.safeParse({ dataset: 'x', map: 'nonsense' }).success).toBe(false);
  });
});

describe('import responses', () => {
  it('parses the three shapes', () => {
    expect(importResponseSchema.parse({ ok: true, datasetId: 3, dataset: 'a', prompts: 3, candidates: 4, scores: 0, createdDataset: true })).toMatchObject({ ok: true, datasetId: 3 });
    expect(importResponseSchema.parse({ ok: false, errors: [{ file: 'a.jsonl', line: 2, message: 'bad' }], errorCount: 5 })).toMatchObject({ errorCount: 5 });
    expect(importResponseSchema.parse({ ok: false, message: 'no file' })).toEqual({ ok: false, message: 'no file' });
  });
  it('describes an error with file, line and field', () => {
    expect(describeImportError({ file: 'data.jsonl', line: 17, field: 'messages[1].role', message: 'expected user|assistant' })).toBe(
      'data.jsonl line 17 · messages[1].role — expected user|assistant',
    );
    expect(describeImportError({ file: 'data.csv', line: null, message: 'no prompt column' })).toBe('data.csv — no prompt column');
    expect(describeImportError({ message: 'empty file' })).toBe('empty file');
    expect(describeImportError({ file: 'report\u202Elmth.jsonl', line: 1, message: 'bad' })).toBe('report⟨U+202E⟩lmth.jsonl line 1 — bad');
  });
});
