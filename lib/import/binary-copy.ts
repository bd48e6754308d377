// PostgreSQL COPY … (FORMAT binary) encoding, written straight into ~1 MB byte buffers.
//
// Why binary for the two big tables (prompts, candidates): PostgreSQL is the bottleneck of an import
// (its process is busy the whole time; the JavaScript side waits for it), and in CSV it first scans
// every byte of every row for quotes and delimiters (CopyReadLine + CopyReadAttributesCSV were ~13%
// of the backend's CPU in a perf profile of the bench import). In binary each field is length-
// prefixed: the server copies it and checks its UTF-8, nothing more. On this side it costs the same
// as CSV (no quoting, no row string to concatenate: each field is written into the buffer directly).
//
// Layout (PostgreSQL docs, "COPY" → "Binary Format"): a 19-byte header, then per row an int16 field
// count and per field an int32 byte length (-1 = NULL) and the bytes, then an int16 -1 trailer.
// int4 is big-endian; text is UTF-8; jsonb is a version byte (1) followed by the JSON text.

const SIZE = 1 << 20;

export const COPY_BINARY_HEADER = Buffer.from([
  0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, // "PGCOPY\n\377\r\n\0"
  0, 0, 0, 0, // flags
  0, 0, 0, 0, // header extension length
]);
export const COPY_BINARY_TRAILER = Buffer.from([0xff, 0xff]);

/** Worst-case encoded size of a string field (a UTF-16 code unit is at most 3 UTF-8 bytes) with its length word. */
export const textBytes = (s: string | null) => 5 + (s === null ? 0 : s.length * 3);

/**
 * A big-endian int32 at `pos` (the caller has made room). Buffer.writeInt32BE checks its arguments
 * on every call: 5–8 of these a row made it ~0.2 s of a 1M-row import, 5x what four byte stores cost.
 */
function setInt32(b: Buffer, pos: number, v: number) {
  b[pos] = v >>> 24;
  b[pos + 1] = v >>> 16;
  b[pos + 2] = v >>> 8;
  b[pos + 3] = v;
}

export class BinaryCopyBuffer {
  private buf: Buffer | null = null;
  private pos = 0;
  private rowStart = 0;
  private full: Buffer[] = [];
  /**
   * Buffers whose COPY has ended (recycle), to write rows into again. A 1M-row import fills ~600 of
   * them: allocated afresh, each lived through young collections while its batch filled and went
   * out, and the dead ones in the old generation then set off a full collection every ~350 ms that
   * freed nothing else (57 of them, 1.1 s of pauses, in the bench import's GC trace).
   */
  private spare: Buffer[] = [];
  /** The memory of the buffers this allocated (SIZE bytes each): only these are recycled. */
  private readonly own = new WeakSet<ArrayBufferLike>();
  /** Bytes of complete rows held so far. */
  bytes = 0;

  /**
   * Start a row of `fields` fields whose encoding takes at most `maxBytes` (field headers
   * included; see textBytes). A row is never split across buffers.
   */
  row(fields: number, maxBytes: number): this {
    const need = 2 + maxBytes;
    if (!this.buf || this.pos + need > this.buf.length) {
      if (this.buf && this.pos > 0) this.full.push(this.buf.subarray(0, this.pos));
      this.buf = need <= SIZE ? (this.spare.pop() ?? this.allocate()) : Buffer.allocUnsafe(need);
      this.pos = 0;
    }
    this.rowStart = this.pos;
    this.buf[this.pos] = fields >>> 8;
    this.buf[this.pos + 1] = fields;
    this.pos += 2;
    return this;
  }

  int4(v: number): this {
    setInt32(this.buf!, this.pos, 4);
    setInt32(this.buf!, this.pos + 4, v);
    this.pos += 8;
    return this;
  }

  /** A text field, or NULL. */
  text(s: string | null): this {
    const b = this.buf!;
    if (s === null) {
      setInt32(b, this.pos, -1);
      this.pos += 4;
      return this;
    }
    const n = b.write(s, this.pos + 4);
    setInt32(b, this.pos, n);
    this.pos += 4 + n;
    return this;
  }

  /** A jsonb field from its JSON text, or NULL. */
  jsonb(json: string | null): this {
    const b = this.buf!;
    if (json === null) {
      setInt32(b, this.pos, -1);
      this.pos += 4;
      return this;
    }
    b[this.pos + 4] = 1;
    const n = b.write(json, this.pos + 5);
    setInt32(b, this.pos, n + 1);
    this.pos += 5 + n;
    return this;
  }

  /** End the row started by row(). */
  end() {
    this.bytes += this.pos - this.rowStart;
  }

  /**
   * The rows written since the last take, framed as one complete COPY stream (header, rows,
   * trailer); [] when there are none. The buffers are handed over (the socket may hold them for a
   * while) until recycle() gives them back: the next row starts in another one.
   */
  take(): Buffer[] {
    if (this.buf && this.pos > 0) this.full.push(this.buf.subarray(0, this.pos));
    const rows = this.full;
    this.buf = this.pos > 0 ? null : this.buf;
    this.full = [];
    this.pos = 0;
    this.bytes = 0;
    return rows.length ? [COPY_BINARY_HEADER, ...rows, COPY_BINARY_TRAILER] : [];
  }

  /**
   * The COPY that sent `taken` (from take()) has succeeded, so nothing refers to its buffers any
   * more: their memory is written into again. Call once per take, and never after a failed COPY
   * (the socket may still hold what it had not sent).
   */
  recycle(taken: Buffer[]) {
    for (const piece of taken) if (this.own.has(piece.buffer)) this.spare.push(Buffer.from(piece.buffer, 0, SIZE));
  }

  /** Forget what was written (the current buffer is reused). */
  clear() {
    this.recycle(this.full);
    this.full = [];
    this.pos = 0;
    this.bytes = 0;
  }

  private allocate(): Buffer {
    const b = Buffer.allocUnsafe(SIZE);
    // Never from Buffer's shared pool (only buffers of at most 4 KB are), but only memory that is this buffer's alone may be reused.
    if (b.byteOffset === 0 && b.buffer.byteLength === SIZE) this.own.add(b.buffer);
    return b;
  }
}
