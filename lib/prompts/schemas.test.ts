import { describe, expect, it } from 'vitest';
import { encodeCursor } from './cursor';
import { escapeLike, parseIdParam, parsePromptListQuery, promptListSearchParams } from './schemas';

describe('parsePromptListQuery', () => {
  it('gives defaults for an empty query', () => {
    expect(parsePromptListQuery({})).toEqual({ q: '', status: 'any', limit: 50 });
  });

  it('reads URLSearchParams and trims the search', () => {
    const q = parsePromptListQuery(new URLSearchParams({ q: '  janet ', status: 'accepted', limit: '20' }));
    expect(q).toMatchObject({ q: 'janet', status: 'accepted', limit: 20 });
  });

  it('falls back on bad values instead of failing', () => {
    const q = parsePromptListQuery({ status: 'weird', limit: '100000', after: 'garbage', q: 'x'.repeat(500) });
    expect(q).toEqual({ q: '', status: 'any', limit: 50, after: undefined });
  });

  it('takes the first of repeated params', () => {
    expect(parsePromptListQuery({ status: ['reviewed', 'accepted'] }).status).toBe('reviewed');
  });

  it('keeps valid cursors; after wins over before', () => {
    const after = encodeCursor(10);
    const before = encodeCursor(5);
    expect(parsePromptListQuery({ after }).after).toBe(after);
    const both = parsePromptListQuery({ after, before });
    expect(both.after).toBe(after);
    expect(both.before).toBeUndefined();
  });
});

describe('promptListSearchParams', () => {
  it('leaves defaults out and round-trips', () => {
    expect(promptListSearchParams({ q: '', status: 'any', limit: 50 }).toString()).toBe('');
    const params = promptListSearchParams({ q: 'ducks', status: 'no-candidates', after: encodeCursor(3) });
    expect(parsePromptListQuery(params)).toMatchObject({ q: 'ducks', status: 'no-candidates', after: encodeCursor(3) });
  });
});

describe('escapeLike', () => {
  it('escapes LIKE wildcards and the escape char', () => {
    expect(escapeLike('50%_off\\')).toBe('50\\%\\_off\\\\');
    expect(escapeLike('plain text')).toBe('plain text');
  });
});

describe('parseIdParam', () => {
  it('accepts positive int4 ids only', () => {
    expect(parseIdParam('12')).toBe(12);
    for (const bad of [undefined, '', '0', '-1', '1.5', '1e3', 'abc', '2147483648', '99999999999']) expect(parseIdParam(bad)).toBeNull();
  });
});
