// Decoder for COPY … (FORMAT binary) data: the inverse of BinaryCopyBuffer, for tests and debugging.
import { COPY_BINARY_HEADER } from './binary-copy';

/** Rows of raw field bytes (null = NULL). Throws on a malformed stream. */
export function decodeBinaryCopy(data: Buffer): (Buffer | null)[][] {
  if (!data.subarray(0, COPY_BINARY_HEADER.length).equals(COPY_BINARY_HEADER)) throw new Error('bad COPY binary header');
  let pos = COPY_BINARY_HEADER.length;
  const rows: (Buffer | null)[][] = [];
  for (;;) {
    const fields = data.readInt16BE(pos);
    pos += 2;
    if (fields === -1) break;
    const row: (Buffer | null)[] = [];
    for (let i = 0; i < fields; i++) {
      const n = data.readInt32BE(pos);
      pos += 4;
      if (n === -1) row.push(null);
      else {
        if (pos + n > data.length) throw new Error('field runs past the end');
        row.push(data.subarray(pos, pos + n));
        pos += n;
      }
    }
    rows.push(row);
  }
  if (pos !== data.length) throw new Error('data after the COPY trailer');
  return rows;
}
