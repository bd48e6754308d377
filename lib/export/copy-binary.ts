// A reader of PostgreSQL's binary COPY format (`COPY … TO STDOUT (FORMAT binary)`): chunks in, tuples
// out as byte ranges of the chunk, so text fields reach the output without being decoded to
// JavaScript strings. Tuples may straddle chunks; the unfinished tail is kept and joined with just
// enough of the next chunk to finish its tuple (never a copy of the whole chunk). Pure.
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
    if (this.done) return;
    let buf = chunk;
    let pos = 0;
    if (this.rest) {
      const rest = this.rest;
      this.rest = null;
      if (!this.header) buf = Buffer.concat([rest, chunk]);
      else {
        // Only the tuple that straddles the two chunks is read from a joined copy (a little of the new
        // chunk, more if one of its fields is long); the rest of the chunk is read in place.
        for (let take = Math.min(chunk.length, 4096); ; take = Math.min(chunk.length, take * 2)) {
          const joined = Buffer.concat([rest, chunk.subarray(0, take)]);
          const end = this.read(joined, 0, onTuple, 1);
          if (end > 0) {
            pos = end - rest.length;
            break;
          }
          if (take === chunk.length) return void (this.rest = joined);
        }
      }
    }
    if (!this.header) {
      if (buf.length < 19) return void (this.rest = buf);
      if (!buf.subarray(0, 11).equals(SIGNATURE)) throw new Error('not a binary COPY stream');
      const extension = buf.readInt32BE(15);
      if (buf.length < 19 + extension) return void (this.rest = buf);
      pos = 19 + extension;
      this.header = true;
    }
    const end = this.read(buf, pos, onTuple, Infinity);
    if (end < buf.length && !this.done) this.rest = buf.subarray(end);
  }

  /** Reads up to `max` complete tuples from buf[pos]; returns where the first unread one starts. */
  private read(buf: Buffer, pos: number, onTuple: TupleHandler, max: number): number {
    const { starts, ends, fields } = this;
    const len = buf.length;
    let count = 0;
    while (count < max && pos + 2 <= len && !this.done) {
      const n = buf.readInt16BE(pos);
      if (n === -1) {
        this.done = true;
        return pos + 2;
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
      count++;
    }
    return pos;
  }
}
