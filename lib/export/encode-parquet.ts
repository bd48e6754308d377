// Parquet output with hyparquet-writer, written incrementally: rows are buffered into row groups
// and each group's bytes are handed out as soon as it is encoded, so memory holds one group, not the
// file. Message lists become real Parquet LIST<STRUCT<role, content>> columns (what `datasets` and
// pandas read as lists of dicts); nested raw fields are JSON columns.
import { ByteWriter, ParquetWriter, type SchemaElement } from 'hyparquet-writer';
import type { ParquetColumn, Row } from './formats/types';

const ROWS_PER_GROUP = 5_000;

const str = (name: string, optional = false): SchemaElement => ({
  name,
  type: 'BYTE_ARRAY',
  converted_type: 'UTF8',
  repetition_type: optional ? 'OPTIONAL' : 'REQUIRED',
});

export function parquetSchema(columns: readonly ParquetColumn[]): SchemaElement[] {
  const schema: SchemaElement[] = [{ name: 'root', num_children: columns.length }];
  for (const c of columns) {
    switch (c.type) {
      case 'string':
        schema.push(str(c.name));
        break;
      case 'optional-string':
        schema.push(str(c.name, true));
        break;
      case 'int':
        schema.push({ name: c.name, type: 'INT32', repetition_type: 'REQUIRED' });
        break;
      case 'optional-int':
        schema.push({ name: c.name, type: 'INT32', repetition_type: 'OPTIONAL' });
        break;
      case 'optional-double':
        schema.push({ name: c.name, type: 'DOUBLE', repetition_type: 'OPTIONAL' });
        break;
      case 'boolean':
        schema.push({ name: c.name, type: 'BOOLEAN', repetition_type: 'REQUIRED' });
        break;
      case 'json':
        schema.push({ name: c.name, type: 'BYTE_ARRAY', converted_type: 'JSON', repetition_type: 'OPTIONAL' });
        break;
      case 'messages':
        schema.push(
          { name: c.name, repetition_type: 'REQUIRED', converted_type: 'LIST', num_children: 1 },
          { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
          { name: 'element', repetition_type: 'REQUIRED', num_children: 2 },
          str(c.keys[0]),
          str(c.keys[1]),
        );
        break;
    }
  }
  return schema;
}

export class ParquetEncoder {
  private readonly bytes = new ByteWriter(1 << 20);
  private readonly writer: ParquetWriter;
  private rows: Row[] = [];

  constructor(private readonly columns: readonly ParquetColumn[]) {
    this.writer = new ParquetWriter({ writer: this.bytes, schema: parquetSchema(columns), createdBy: 'winnow export' });
  }

  /** Buffers rows; returns encoded bytes when a row group is complete (else an empty array). */
  async push(rows: Row[]): Promise<Uint8Array[]> {
    for (const r of rows) this.rows.push(r);
    if (this.rows.length < ROWS_PER_GROUP) return [];
    await this.writeGroup();
    return this.take();
  }

  /** The rest of the rows and the footer. */
  async end(): Promise<Uint8Array[]> {
    if (this.rows.length) await this.writeGroup();
    await this.writer.finish();
    return this.take();
  }

  private async writeGroup() {
    const rows = this.rows;
    this.rows = [];
    const columnData = this.columns.map((c) => ({
      name: c.name,
      data: rows.map((r) => {
        const v = r[c.name];
        if (c.type === 'messages') return (v as Record<string, unknown>[]).map((m) => ({ [c.keys[0]]: m[c.keys[0]], [c.keys[1]]: m[c.keys[1]] }));
        return v === undefined ? null : v;
      }),
    }));
    await this.writer.write({ columnData, rowGroupSize: rows.length });
  }

  private take(): Uint8Array[] {
    if (!this.bytes.index) return [];
    const out = new Uint8Array(this.bytes.buffer, 0, this.bytes.index).slice();
    this.bytes.index = 0; // `offset` keeps counting: it is the position in the file
    return [out];
  }
}
