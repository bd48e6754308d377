// A reader of PostgreSQL's binary COPY format (`COPY … TO STDOUT (FORMAT binary)`): chunks in, tuples
// out as byte ranges of the chunk, so text fields reach the output without being decoded to
// JavaScript strings. Tuples may straddle chunks; the unfinished tail is kept for the next one. Pure.
//
// Format: an 11-byte signature, int32 flags, int32 header-extension length (+ extension); then per
// tuple int16 field count (-1 ends the data) and per field int32 length (-1 = NULL) + bytes.

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/** Field i of the current tuple spans buf[starts[i], ends[i]); ends[i] = -1 when it is NULL. */
export type TupleHandler = (buf: Buffer, starts: Int32Array, ends: Int32Array) => void;

export class BinaryCopyReader {
  private rest: Buffer | null = null;
  private header = false;
  private done = false;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;

  constructor(private readonly fields: number) {
    this.starts = new Int32Array(fields);
    this.ends = new Int32Array(fields);
  }

  get finished(): boolean {
    return this.done;
  }

  /** Calls `onTuple` for every complete tuple; keeps the tail. */
  push(chunk: Buffer, onTuple: TupleHandler): void {
    const buf = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
    this.rest = null;
    let pos = 0;
    if (!this.header) {
      if (buf.length < 19) return void (this.rest = buf);
      if (!buf.subarray(0, 11).equals(SIGNATURE)) throw new Error('not a binary COPY stream');
      const extension = buf.readInt32BE(15);
      if (buf.length < 19 + extension) return void (this.rest = buf);
      pos = 19 + extension;
      this.header = true;
    }
    const { starts, ends, fields } = this;
    const len = buf.length;
    while (pos + 2 <= len && !this.done) {
      const n = buf.readInt16BE(pos);
      if (n === -1) {
        this.done = true;
        pos += 2;
        break;
      }
      if (n !== fields) throw new Error(`binary COPY: expected ${fields} fields, got ${n}`);
      let p = pos + 2;
      let complete = true;
      for (let i = 0; i < n; i++) {
        if (p + 4 > len) {
          complete = false;
          break;
        }
        const size = buf.readInt32BE(p);
        p += 4;
        if (size < 0) {
          starts[i] = p;
          ends[i] = -1;
          continue;
        }
        if (p + size > len) {
          complete = false;
          break;
        }
        starts[i] = p;
        ends[i] = p + size;
        p += size;
      }
      if (!complete) break;
      onTuple(buf, starts, ends);
      pos = p;
    }
    if (pos < len && !this.done) this.rest = buf.subarray(pos);
  }
}
