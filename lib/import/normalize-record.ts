// Raw record (any format, after reading) -> the shape stored in the database, or the reasons it is not
// valid. Pure: no I/O, so every rule is unit-tested without a database.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { fastCheckRecord } from './fast-check-record';
import { applyMapping, sourceFieldName, type FieldMapping } from './parse-mapping';
import { importRecordSchema, type ImportRecord } from './schemas';
import type { ChatMessage, NormalizedCandidate, NormalizedRecord } from './types';

export type RecordProblem = { field?: string; message: string };
export type NormalizeResult = { ok: true; record: NormalizedRecord } | { ok: false; problems: RecordProblem[] };

export function normalizeRecord(raw: Record<string, unknown>, mapping?: FieldMapping): NormalizeResult {
  const input = applyMapping(raw, mapping);
  // The ordinary record passes a hand-written check; zod parses the rest and explains what is wrong.
  const fast = fastCheckRecord(input);
  if (fast) return normalizeParsed(fast, mapping);
  const parsed = importRecordSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => describeIssue(i, mapping)) };
  return normalizeParsed(parsed.data, mapping);
}

/** A record that passed the schema -> the stored shape (or the characters PostgreSQL cannot store). */
export function normalizeParsed(r: ImportRecord, mapping?: FieldMapping): NormalizeResult {
  const messages: ChatMessage[] = r.messages ?? [{ role: 'user', content: r.prompt! }];
  const searchText = messages.map((m) => m.content).join('\n');
  const problems: RecordProblem[] = [];
  const field = (f: string) => sourceFieldName(f, mapping);

  // PostgreSQL stores neither NUL characters nor lone UTF-16 surrogates (jsonb rejects both):
  // catching them here names the record instead of failing the whole COPY with a bare error.
  const messagesJson = toJsonText(messages, field(r.messages ? 'messages' : 'prompt'), problems);
  const referenceJson = r.reference == null ? null : toJsonText(r.reference, field('reference'), problems);
  const metadataJson = r.metadata == null ? null : toJsonText(r.metadata, field('metadata'), problems);

  const list = r.candidates ?? [];
  const candidates: NormalizedCandidate[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c.content.includes('\0')) problems.push({ field: field(`candidates[${i}].content`), message: NUL_MESSAGE });
    candidates[i] = { content: c.content, model: c.model ?? null, scores: compactScores(c.scores) };
  }
  if (problems.length) return { ok: false, problems };

  const idGenerated = r.id == null;
  const externalId = idGenerated ? generatedId(messagesJson, referenceJson) : String(r.id);
  return { ok: true, record: { externalId, idGenerated, messagesJson, searchText, referenceJson, metadataJson, candidates } };
}

const NUL_MESSAGE = 'contains a NUL character (\\u0000), which PostgreSQL cannot store';

/**
 * Id of a record that has none: the first 16 hex digits of sha256(messages + reference). Stable, so
 * importing the same file twice is caught as duplicate ids, and two identical prompts in one file
 * are reported instead of silently stored twice (give them ids to keep both).
 */
export function generatedId(messagesJson: string, referenceJson: string | null): string {
  return createHash('sha256').update(messagesJson).update('\0').update(referenceJson ?? '').digest('hex').slice(0, 16);
}

function compactScores(scores: Record<string, number | null> | null | undefined): Record<string, number> | null {
  if (!scores) return null;
  let out: Record<string, number> | null = null;
  for (const [name, value] of Object.entries(scores)) if (value !== null) (out ??= {})[name] = value;
  return out;
}

function toJsonText(value: unknown, field: string, problems: RecordProblem[]): string {
  const json = JSON.stringify(value);
  // JSON.stringify escapes NUL as \u0000 and lone surrogates as \udxxx; only then look closer.
  if (json.includes('\\u0000') && containsString(value, (s) => s.includes('\0'))) problems.push({ field, message: NUL_MESSAGE });
  if (/\\ud[89a-f]/i.test(json) && containsString(value, (s) => !s.isWellFormed()))
    problems.push({ field, message: 'contains an unpaired UTF-16 surrogate, which PostgreSQL cannot store' });
  return json;
}

function containsString(value: unknown, test: (s: string) => boolean): boolean {
  if (typeof value === 'string') return test(value);
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => test(k) || containsString(v, test));
  return false;
}

/** `['messages', 1, 'role']` -> `messages[1].role` */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

function describeIssue(issue: z.core.$ZodIssue, mapping: FieldMapping | undefined): RecordProblem {
  const field = issue.path.length ? sourceFieldName(fieldPath(issue.path), mapping) : undefined;
  // zod's defaults read "Invalid input: expected string, received undefined"; say it the short way.
  const message = issue.message.replace(/^Invalid input: /, '').replace(/, received undefined$/, ' (missing)');
  return field ? { field, message } : { message };
}
