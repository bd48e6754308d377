// A format turns selected candidates into rows (plain objects, one JSONL line each).
import type { ChatMessage, ExportCandidate, ExportContext, ExportPrompt } from '../types';

export type Row = Record<string, unknown>;
/** A row, or why this example is left out (counted in the manifest, never written half-right). */
export type RowResult = Row | { skip: string };

/** Columns of the Parquet file, in order; the names are the row's keys. */
export type ParquetColumn =
  | { name: string; type: 'string' | 'optional-string' | 'int' | 'optional-int' | 'optional-double' | 'boolean' | 'json' }
  | { name: string; type: 'messages'; keys: readonly [string, string] };

type Base = { name: string; description: string; parquet: readonly ParquetColumn[] | null };

/** One row per selected candidate: the prompt's turns (incl. system) and the answer. */
export type SftFormat = Base & { kind: 'sft'; row(turns: ChatMessage[], answer: string): RowResult };
/** One row per pair. */
export type DpoFormat = Base & { kind: 'dpo'; row(turns: ChatMessage[], chosen: string, rejected: string): RowResult };
/** One row per candidate, everything known. */
export type RawFormat = Base & { kind: 'raw'; row(prompt: ExportPrompt, candidate: ExportCandidate, ctx: ExportContext): RowResult };

export type Format = SftFormat | DpoFormat | RawFormat;

export const isSkip = (r: RowResult): r is { skip: string } => typeof (r as { skip?: unknown }).skip === 'string' && Object.keys(r).length === 1;
