// Column checks for tabular files (CSV header, Parquet schema): fail once, naming the columns that
// are there, instead of once per row.
import type { FieldMapping, TargetField } from './parse-mapping';

/** The problem with a file's columns, or null when a record can be built from them. */
export function checkColumns(columns: readonly string[], mapping: FieldMapping | undefined): string | null {
  const has = (source: string) => columns.includes(source) || columns.includes(source.split('.')[0]);
  const found = columns.length ? columns.map((c) => `"${c}"`).join(', ') : 'none';
  for (const [target, source] of Object.entries(mapping ?? {}))
    if (!has(source)) return `column "${source}" (mapped to ${target}) not found; columns: ${found}`;
  const prompt = sourceOf('prompt', mapping);
  const messages = sourceOf('messages', mapping);
  if (!has(prompt) && !has(messages)) return `missing column "${prompt}" (or "${messages}"); columns: ${found}`;
  return null;
}

/** Top-level columns a record needs: the contract's fields, or their mapped sources. */
export function neededColumns(columns: readonly string[], mapping: FieldMapping | undefined): string[] {
  const targets: TargetField[] = ['id', 'prompt', 'messages', 'reference', 'metadata', 'candidates'];
  const wanted = new Set(targets.map((t) => sourceOf(t, mapping).split('.')[0]));
  return columns.filter((c) => wanted.has(c));
}

function sourceOf(target: TargetField, mapping: FieldMapping | undefined) {
  return mapping?.[target] ?? target;
}
