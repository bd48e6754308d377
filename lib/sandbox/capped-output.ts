// Collects a stream's bytes but keeps only the first and last halves of `max` bytes: a runaway
// program's output must not grow the server's memory, and a Python traceback (what the
// evaluator reads) is at the end of stderr.

const MARKER = (dropped: number) => `\n…[${dropped} bytes truncated]…\n`;

export class CappedOutput {
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  /** Bytes seen in total, kept or not. */
  total = 0;

  constructor(private readonly max: number) {}

  push(chunk: Buffer): void {
    this.total += chunk.length;
    const headRoom = Math.ceil(this.max / 2) - this.headBytes;
    if (headRoom > 0) {
      const part = chunk.subarray(0, headRoom);
      this.head.push(part);
      this.headBytes += part.length;
      chunk = chunk.subarray(part.length);
      if (!chunk.length) return;
    }
    this.tail.push(chunk);
    this.tailBytes += chunk.length;
    const tailMax = Math.floor(this.max / 2);
    // Compact only when well over, so a stream of small chunks stays O(n).
    if (this.tailBytes > tailMax * 2 + 4096) this.compactTail(tailMax);
  }

  get truncated(): boolean {
    return this.total > this.max;
  }

  toString(): string {
    const head = Buffer.concat(this.head);
    if (!this.truncated) return Buffer.concat([head, ...this.tail]).toString('utf8');
    const tailMax = Math.floor(this.max / 2);
    this.compactTail(tailMax);
    const tail = Buffer.concat(this.tail);
    // Cutting may split a UTF-8 sequence; the decoder turns the stray bytes into U+FFFD.
    return head.toString('utf8') + MARKER(this.total - head.length - tail.length) + tail.toString('utf8');
  }

  private compactTail(keep: number): void {
    const all = Buffer.concat(this.tail);
    const kept = all.subarray(Math.max(0, all.length - keep));
    this.tail = [kept];
    this.tailBytes = kept.length;
  }
}
