import { describe, expect, it } from 'vitest';
import { csvField, csvRow, parseCsvRow } from './copy-csv';

describe('csvField', () => {
  it('quotes strings and doubles quote characters', () => {
    expect(csvField('plain')).toBe('"plain"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('')).toBe('""');
  });

  it('leaves newlines, tabs, commas and backslashes as they are inside quotes', () => {
    expect(csvField('a,b\nc\td\\e\r')).toBe('"a,b\nc\td\\e\r"');
  });

  it('writes NULL as an empty unquoted field and numbers bare', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(12)).toBe('12');
    expect(csvField(0.125)).toBe('0.125');
  });
});

describe('csvRow / parseCsvRow', () => {
  it('round-trips awkward values', () => {
    const values = [1, 'x', null, '', '"quoted"', 'multi\nline, with comma', '\\.', '{"a":"b"}', 'ünïcødé 🚀'];
    const row = csvRow(values);
    expect(row.endsWith('\n')).toBe(true);
    expect(parseCsvRow(row)).toEqual(values.map((v) => (v === null ? null : String(v))));
  });
});
