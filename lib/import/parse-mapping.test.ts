import { describe, expect, it } from 'vitest';
import { applyMapping, checkMapping, getPath, MappingError, parseMapping, sourceFieldName } from './parse-mapping';

describe('parseMapping', () => {
  it('parses target=source pairs', () => {
    expect(parseMapping('prompt=question,reference=answer')).toEqual({ prompt: 'question', reference: 'answer' });
    expect(parseMapping(' prompt = data.q , id=uid ')).toEqual({ prompt: 'data.q', id: 'uid' });
  });

  it('explains bad syntax', () => {
    expect(() => parseMapping('')).toThrow(MappingError);
    expect(() => parseMapping('prompt')).toThrow(/bad mapping "prompt": expected target=source/);
    expect(() => parseMapping('prompt=')).toThrow(/expected target=source/);
    expect(() => parseMapping('=question')).toThrow(/expected target=source/);
    expect(() => parseMapping('promt=question')).toThrow(/unknown field "promt" \(expected one of id, prompt, messages/);
    expect(() => parseMapping('prompt=a,prompt=b')).toThrow(/"prompt" is mapped twice/);
  });
});

describe('checkMapping', () => {
  it('accepts known targets and rejects others', () => {
    expect(checkMapping({ prompt: 'q' })).toEqual({ prompt: 'q' });
    expect(() => checkMapping({ question: 'q' })).toThrow(/unknown field "question"/);
    expect(() => checkMapping({ prompt: ' ' })).toThrow(/needs a source field/);
  });
});

describe('getPath / applyMapping', () => {
  it('reads dotted paths, preferring an exact key', () => {
    const rec = { a: { b: { c: 1 } }, 'x.y': 2, list: [{ v: 3 }] };
    expect(getPath(rec, 'a.b.c')).toBe(1);
    expect(getPath(rec, 'x.y')).toBe(2);
    expect(getPath(rec, 'list.0.v')).toBe(3);
    expect(getPath(rec, 'a.missing.c')).toBeUndefined();
  });

  it('sets targets from sources and leaves other fields alone', () => {
    expect(applyMapping({ question: 'q', answer: 'a', id: 7 }, { prompt: 'question', reference: 'answer' })).toEqual({
      question: 'q',
      answer: 'a',
      id: 7,
      prompt: 'q',
      reference: 'a',
    });
    const rec = { prompt: 'p' };
    expect(applyMapping(rec, undefined)).toBe(rec);
  });

  it('names fields as the file does', () => {
    const m = { prompt: 'question', candidates: 'outputs' };
    expect(sourceFieldName('prompt', m)).toBe('question');
    expect(sourceFieldName('candidates[2].content', m)).toBe('outputs[2].content');
    expect(sourceFieldName('reference', m)).toBe('reference');
    expect(sourceFieldName('prompt', undefined)).toBe('prompt');
  });
});
