// Types of the import pipeline; the public ones are re-exported from import-file.ts.

/**
 * One problem in an input file. `line` is the 1-based line (JSONL, CSV: the line the record starts on)
 * or, when `unit` is 'row', the 1-based row (Parquet). `line: 0` means the file as a whole.
 */
export type ImportIssue = { file: string; line: number; field?: string; message: string; unit?: 'line' | 'row' };

export type ImportFormat = 'jsonl' | 'csv' | 'parquet';

export type ChatRole = 'system' | 'user' | 'assistant';
export type ChatMessage = { role: ChatRole; content: string };

export type NormalizedCandidate = { content: string; model: string | null; scores: Record<string, number> | null };

/** A validated record, in the shape it is stored. JSON fields are already serialised. */
export type NormalizedRecord = {
  externalId: string;
  /** The record had no id; externalId was derived from its content. */
  idGenerated: boolean;
  messagesJson: string;
  searchText: string;
  referenceJson: string | null;
  metadataJson: string | null;
  candidates: NormalizedCandidate[];
};

/** What a file reader yields: a raw record to validate, or a problem found while reading. */
export type SourceItem =
  | { line: number; record: Record<string, unknown> }
  | { line: number; issue: Omit<ImportIssue, 'file' | 'line' | 'unit'>; fatal?: boolean };

/** Readers yield items in batches (one per chunk read), so per-record work stays synchronous. */
export type SourceReader = AsyncIterable<SourceItem[]>;
