// Column/field mapping: "prompt=question,reference=answer" means the record's `prompt` is read from
// the source field `question`. Pure; applied to JSONL, CSV and Parquet records before validation.

export const TARGET_FIELDS = ['id', 'prompt', 'messages', 'reference', 'metadata', 'candidates'] as const;
export type TargetField = (typeof TARGET_FIELDS)[number];
/** target field -> source field (a dotted path reaches into nested objects: `data.question`). */
export type FieldMapping = Partial<Record<TargetField, string>>;

export class MappingError extends Error {}

/** Parse `target=source[,target=source…]`; throws MappingError with the reason on bad syntax. */
export function parseMapping(text: string): FieldMapping {
  const mapping: FieldMapping = {};
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  if (!parts.length) throw new MappingError(`empty mapping: expected target=source pairs, e.g. prompt=question,reference=answer`);
  for (const part of parts) {
    const eq = part.indexOf('=');
    const target = eq < 0 ? '' : part.slice(0, eq).trim();
    const source = eq < 0 ? '' : part.slice(eq + 1).trim();
    if (!target || !source) throw new MappingError(`bad mapping "${part}": expected target=source, e.g. prompt=question`);
    if (!isTargetField(target)) throw new MappingError(`bad mapping "${part}": unknown field "${target}" (expected one of ${TARGET_FIELDS.join(', ')})`);
    if (mapping[target]) throw new MappingError(`bad mapping: "${target}" is mapped twice`);
    mapping[target] = source;
  }
  return mapping;
}

/** Validate a mapping given as an object (API callers): same rules as parseMapping. */
export function checkMapping(mapping: Record<string, string>): FieldMapping {
  for (const [target, source] of Object.entries(mapping)) {
    if (!isTargetField(target)) throw new MappingError(`bad mapping: unknown field "${target}" (expected one of ${TARGET_FIELDS.join(', ')})`);
    if (typeof source !== 'string' || !source.trim()) throw new MappingError(`bad mapping: "${target}" needs a source field name`);
  }
  return mapping as FieldMapping;
}

function isTargetField(name: string): name is TargetField {
  return (TARGET_FIELDS as readonly string[]).includes(name);
}

/** Value at a dotted path; an exact key (even one containing dots) wins over the path reading. */
export function getPath(record: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(record, path)) return record[path];
  let value: unknown = record;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The record with each mapped target field read from its source; other fields are left as they are. */
export function applyMapping(record: Record<string, unknown>, mapping: FieldMapping | undefined): Record<string, unknown> {
  if (!mapping) return record;
  const out: Record<string, unknown> = { ...record };
  for (const [target, source] of Object.entries(mapping)) out[target] = getPath(record, source);
  return out;
}

/** Name a field the way the user's file names it: `prompt` becomes `question` under prompt=question. */
export function sourceFieldName(field: string, mapping: FieldMapping | undefined): string {
  if (!mapping) return field;
  const m = /^([A-Za-z_]+)(.*)$/.exec(field);
  const source = m && mapping[m[1] as TargetField];
  return source ? source + m[2] : field;
}
