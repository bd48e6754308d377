// PostgreSQL COPY … (FORMAT csv) encoding. Pure, so the quoting is unit-tested on its own.
// Used for score rows; prompts and candidates go in binary format (binary-copy.ts). CSV rather than
// text format because texts are full of newlines: text format must escape every one (\n), CSV only
// doubles quote characters inside a quoted field. In PostgreSQL's CSV format an unquoted empty field
// is NULL and a quoted one ("") the empty string; backslashes have no special meaning.

/** One field: a quoted string, a bare number, or NULL (nothing) for null/undefined. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  return `"${value.includes('"') ? value.replaceAll('"', '""') : value}"`;
}

/** One row, newline included. */
export function csvRow(fields: ReadonlyArray<string | number | null | undefined>): string {
  return fields.map(csvField).join(',') + '\n';
}

/** Inverse of csvRow for one row (tests and debugging); NULL comes back as null. */
export function parseCsvRow(row: string): (string | null)[] {
  const out: (string | null)[] = [];
  let i = 0;
  const text = row.endsWith('\n') ? row.slice(0, -1) : row;
  for (;;) {
    if (text[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q === -1) throw new Error('unterminated quoted field');
        value += text.slice(i, q);
        if (text[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(value);
    } else {
      const end = text.indexOf(',', i);
      const raw = text.slice(i, end === -1 ? undefined : end);
      out.push(raw === '' ? null : raw);
      i = end === -1 ? text.length : end;
    }
    if (i >= text.length) return out;
    if (text[i] !== ',') throw new Error(`expected a comma at ${i}`);
    i++;
  }
}
