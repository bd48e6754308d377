// Binary array parameters must reach PostgreSQL as exactly the arrays the text format would give.
import { describe, expect, it } from 'vitest';
import { float8Array, int4Array, textArray } from './binary-array';
import { pgPool } from './pool';

async function roundTrip(sql: string, param: Buffer) {
  const { rows } = await pgPool().query({ text: `SELECT ${sql} AS v`, values: [param], rowMode: 'array' });
  return rows[0][0];
}

describe('binary array parameters', () => {
  it('int4[] with nulls, negatives and the int4 limits', async () => {
    const values = [1, -2, null, 2147483647, -2147483648, 0];
    expect(await roundTrip('$1::int[]', int4Array(values))).toEqual(values);
    expect(await roundTrip('array_length($1::int[], 1)', int4Array([]))).toBeNull();
    expect(() => int4Array([2147483648])).toThrow(RangeError);
    expect(() => int4Array([1.5])).toThrow(RangeError);
  });

  it('float8[] keeps every bit, including NaN, infinities and -0', async () => {
    const values = [0.1 + 0.2, -1e-300, null, 1.7976931348623157e308, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
    expect(await roundTrip('$1::float8[]', float8Array(values))).toEqual(values);
    const [nan, negZero] = (await roundTrip('$1::float8[]::text[]', float8Array([Number.NaN, -0]))) as string[];
    expect([nan, negZero]).toEqual(['NaN', '-0']);
  });

  it('text[] with UTF-8, quotes, braces, commas, empty strings and nulls', async () => {
    const values = ['plain', '', null, 'a "quoted", {braced} \\ value', 'ünïcødé ✓ 𝛼', 'NULL', '  spaced  \n'];
    expect(await roundTrip('$1::text[]', textArray(values))).toEqual(values);
    expect(await roundTrip('(SELECT string_agg(x, \'|\' ORDER BY o) FROM unnest($1::text[]) WITH ORDINALITY AS u(x, o))', textArray(['a', 'b']))).toBe('a|b');
  });

  it('is rejected when the cast names another element type', async () => {
    await expect(roundTrip('$1::float8[]', int4Array([1]))).rejects.toThrow(/element type 23 .* instead of expected 701/);
  });
});
