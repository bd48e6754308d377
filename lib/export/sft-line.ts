// Assembles one JSONL line of an SFT format from a row of sftSelectSql (sft-sql.ts), on bytes: the
// format's fixed parts, the run's system prompt (JSON.stringify'd once per run), and the prompt's part
// and the answer as PostgreSQL gave them (JSON text), copied, never decoded. The result is what
// JSON.stringify of the TypeScript serializers (lib/export/formats) gives. Pure.
import { SFT_FIELDS, type SqlFormat } from './sft-sql';

type Parts = { open: Buffer; system: (json: string) => string; answer: Buffer; close: Buffer };

const ascii = (s: string) => Buffer.from(s, 'utf8');

function partsOf(format: SqlFormat): Parts {
  switch (format) {
    case 'openai-chat':
    case 'trl-sft':
      return { open: ascii('{"messages":['), system: (j) => `{"role":"system","content":${j}},`, answer: ascii(',{"role":"assistant","content":'), close: ascii('}]}') };
    case 'sharegpt':
      return { open: ascii('{"conversations":['), system: (j) => `{"from":"system","value":${j}},`, answer: ascii(',{"from":"gpt","value":'), close: ascii('}]}') };
    case 'alpaca':
      return { open: ascii('{"instruction":'), system: (j) => `,"system":${j}`, answer: ascii(',"input":"","output":'), close: ascii('}') };
  }
}

const F = SFT_FIELDS;

/** src[start, end) to dst[pos]; a plain loop for short runs (cheaper than a native copy call). */
function copyBytes(src: Buffer, start: number, end: number, dst: Buffer, pos: number): number {
  if (end - start < 48) {
    for (let i = start; i < end; i++) dst[pos++] = src[i];
    return pos;
  }
  return pos + src.copy(dst, pos, start, end);
}

export class SftLineWriter {
  private readonly parts: Parts;
  private readonly alpaca: boolean;
  private readonly systems = new Map<number, Buffer>();
  private readonly ownSystem = ascii(',"system":');

  /** `runSystems`: run id → the system prompt promptTurns() adds for it (non-blank strings only). */
  constructor(format: SqlFormat, runSystems: ReadonlyMap<number, string>) {
    this.parts = partsOf(format);
    this.alpaca = format === 'alpaca';
    for (const [id, system] of runSystems) this.systems.set(id, ascii(this.parts.system(JSON.stringify(system))));
  }

  /**
   * Writes the line of the row whose fields span src[starts[i], ends[i]) (ends[i] = -1: NULL), and its
   * newline, at dst[pos]; returns the new end. `dst` must have room for maxLength(…) bytes.
   */
  write(src: Buffer, starts: Int32Array, ends: Int32Array, runId: number, dst: Buffer, pos: number): number {
    const { open, answer, close } = this.parts;
    if (ends[F.head] < 0) throw new Error('export row without the prompt part of its line');
    const runSystem = this.systems.get(runId);
    pos = copyBytes(open, 0, open.length, dst, pos);
    if (this.alpaca) {
      pos = copyBytes(src, starts[F.head], ends[F.head], dst, pos);
      pos = copyBytes(answer, 0, answer.length, dst, pos);
      pos = copyBytes(src, starts[F.content], ends[F.content], dst, pos);
      if (ends[F.ownSystem] >= 0) {
        pos = copyBytes(this.ownSystem, 0, this.ownSystem.length, dst, pos);
        pos = copyBytes(src, starts[F.ownSystem], ends[F.ownSystem], dst, pos);
      } else if (runSystem) pos += runSystem.copy(dst, pos);
    } else {
      // first_system is a binary COPY boolean: one byte, 1 = true (NULL only for a prompt with no
      // messages, which is always skipped).
      if (runSystem && ends[F.firstSystem] >= 0 && src[starts[F.firstSystem]] === 0) pos += runSystem.copy(dst, pos);
      pos = copyBytes(src, starts[F.head], ends[F.head], dst, pos);
      pos = copyBytes(answer, 0, answer.length, dst, pos);
      pos = copyBytes(src, starts[F.content], ends[F.content], dst, pos);
    }
    pos = copyBytes(close, 0, close.length, dst, pos);
    dst[pos++] = 0x0a;
    return pos;
  }

  /** The bytes `write` needs for the row (newline included). */
  maxLength(starts: Int32Array, ends: Int32Array, runId: number): number {
    const { open, answer, close } = this.parts;
    const own = ends[F.ownSystem] >= 0 ? this.ownSystem.length + ends[F.ownSystem] - starts[F.ownSystem] : 0;
    const system = this.systems.get(runId)?.length ?? 0;
    const head = ends[F.head] >= 0 ? ends[F.head] - starts[F.head] : 0;
    return open.length + system + head + own + answer.length + (ends[F.content] - starts[F.content]) + close.length + 1;
  }
}
