// COPY data accumulated as UTF-8 bytes in ~1 MB buffers. Writing each row into a buffer right away
// (instead of concatenating strings per batch) lets the parsed record and its row text die young:
// measured here, holding batches as strings roughly doubled the importer's heap and GC time.

const SIZE = 1 << 20;

export class CopyBuffer {
  private buf: Buffer | null = null;
  private pos = 0;
  private full: Buffer[] = [];
  /** Bytes held so far. */
  bytes = 0;

  add(row: string) {
    // A UTF-16 code unit is at most 3 UTF-8 bytes: reserve the worst case, never split a row.
    const worst = row.length * 3;
    if (!this.buf || this.pos + worst > this.buf.length) {
      if (this.buf && this.pos > 0) this.full.push(this.buf.subarray(0, this.pos));
      this.buf = Buffer.allocUnsafe(Math.max(SIZE, worst));
      this.pos = 0;
    }
    const n = this.buf.write(row, this.pos);
    this.pos += n;
    this.bytes += n;
  }

  /** The bytes written since the last take, as a list of buffers; the buffer starts empty again. */
  take(): Buffer[] {
    const out = this.full;
    // The buffer is handed over (the socket may hold it for a while): the next add starts a new one.
    if (this.buf && this.pos > 0) out.push(this.buf.subarray(0, this.pos));
    if (this.pos > 0) this.buf = null;
    this.full = [];
    this.pos = 0;
    this.bytes = 0;
    return out;
  }

  /** Forget what was written (the buffer is reused). */
  clear() {
    this.full = [];
    this.pos = 0;
    this.bytes = 0;
  }
}
