import 'server-only';
// Raw export → a new dataset with the same prompts, candidates, statuses, scores and decisions.
// 1. the raw lines are checked and grouped by prompt (an export lists a prompt's candidates
//    together) into a temporary import file (DESIGN.md "Import record") and a restore file;
// 2. importFile loads prompts and candidates (all or nothing);
// 3. one transaction writes statuses, scores and decisions back (restore-raw.ts) and, when the
//    export's manifest lies beside the file, the evaluators' kinds/roles/configs and the policy.
// If step 3 fails the new dataset is deleted again, so the whole import is all or nothing.
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { once } from 'node:events';
import readline from 'node:readline';
import os from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { pgPool } from '../db/pool';
import { importFile } from './import-file';
import { IssueLog } from './issue-log';
import { fieldPath } from './normalize-record';
import { groupRawLines, rawLineSchema, type RawLine, type RestoreItem } from './raw-line';
import { readJsonl } from './read-jsonl';
import { ensureEvaluators, restoreBatch, type RestoreCounts } from './restore-raw';
import type { ImportIssue } from './types';

export type RawImportResult =
  | ({ ok: true; datasetId: number; dataset: string; prompts: number; candidates: number } & RestoreCounts)
  | { ok: false; errors: ImportIssue[]; errorCount: number };

const RESTORE_BATCH = 2_000;
const MAX_LINE_BYTES = 50 * 1024 * 1024;

export async function importRawExport(opts: { filePath: string; datasetName: string; fileLabel?: string }): Promise<RawImportResult> {
  const file = opts.fileLabel ?? path.basename(opts.filePath);
  const fail = (message: string, line = 0): RawImportResult => ({ ok: false, errors: [{ file, line, message }], errorCount: 1 });
  const pool = pgPool();
  const exists = await pool.query('SELECT 1 FROM datasets WHERE name = $1', [opts.datasetName]);
  if (exists.rowCount) return fail(`dataset "${opts.datasetName}" already exists: a raw export is restored into a new dataset`);

  const dir = await mkdtemp(path.join(os.tmpdir(), 'winnow-raw-import-'));
  try {
    const split = await splitRawFile(opts.filePath, file, path.join(dir, 'records.jsonl'), path.join(dir, 'restore.jsonl'));
    if (!split.ok) return { ok: false, errors: split.errors, errorCount: split.errorCount };

    const imported = await importFile({ datasetName: opts.datasetName, filePath: path.join(dir, 'records.jsonl'), format: 'jsonl', fileLabel: file });
    if (!imported.ok) {
      // Lines of the temporary file are prompts: name the raw line the prompt starts on.
      return { ok: false, errorCount: imported.errorCount, errors: imported.errors.map((e) => ({ ...e, line: e.line > 0 ? (split.firstLines[e.line - 1] ?? e.line) : 0 })) };
    }

    const manifest = await readManifestBeside(opts.filePath);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const evaluators = new Map<string, { name: string; kind?: string; role?: string; weight?: number; config?: unknown }>();
      for (const name of split.scoreNames) evaluators.set(name, { name });
      for (const e of manifest?.evaluators ?? []) if (evaluators.has(e.name)) evaluators.set(e.name, e);
      await ensureEvaluators(client, imported.datasetId, [...evaluators.values()]);
      if (manifest?.policy && typeof manifest.policy === 'object')
        await client.query('UPDATE datasets SET policy = $2 WHERE id = $1', [imported.datasetId, JSON.stringify(manifest.policy)]);
      const counts: RestoreCounts = { statuses: 0, scores: 0, decisions: 0 };
      let batch: RestoreItem[] = [];
      const flush = async () => {
        const c = await restoreBatch(client, imported.datasetId, batch);
        counts.statuses += c.statuses;
        counts.scores += c.scores;
        counts.decisions += c.decisions;
        batch = [];
      };
      for await (const line of readline.createInterface({ input: createReadStream(path.join(dir, 'restore.jsonl')), crlfDelay: Infinity })) {
        if (!line) continue;
        batch.push(JSON.parse(line) as RestoreItem);
        if (batch.length >= RESTORE_BATCH) await flush();
      }
      await flush();
      await client.query('COMMIT');
      return { ok: true, datasetId: imported.datasetId, dataset: imported.dataset, prompts: imported.prompts, candidates: imported.candidates, ...counts };
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      await pool.query('DELETE FROM datasets WHERE id = $1', [imported.datasetId]);
      return fail(`restoring statuses failed, nothing was kept: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      client.release();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

type SplitResult =
  | { ok: true; firstLines: number[]; scoreNames: Set<string> }
  | { ok: false; errors: ImportIssue[]; errorCount: number };

/** Pass 1: check every raw line; write one import record per prompt and one restore item per candidate. */
async function splitRawFile(input: string, file: string, recordsPath: string, restorePath: string): Promise<SplitResult> {
  const log = new IssueLog();
  const records = createWriteStream(recordsPath);
  const restore = createWriteStream(restorePath);
  const write = async (out: Writable, text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const firstLines: number[] = [];
  const scoreNames = new Set<string>();
  const seen = new Set<string>();
  let group: RawLine[] = [];
  let groupLine = 0;
  let lines = 0;

  const flush = async () => {
    if (!group.length) return;
    const { record, restore: items } = groupRawLines(group);
    firstLines.push(groupLine);
    if (log.count === 0) {
      await write(records, JSON.stringify(record) + '\n');
      await write(restore, items.map((i) => JSON.stringify(i)).join('\n') + '\n');
    }
    group = [];
  };

  try {
    for await (const items of readJsonl(createReadStream(input), { maxLineBytes: MAX_LINE_BYTES })) {
      for (const item of items) {
        if ('issue' in item) {
          log.add({ file, line: item.line, ...item.issue });
          if (item.fatal) break;
          continue;
        }
        lines++;
        const parsed = rawLineSchema.safeParse(item.record);
        if (!parsed.success) {
          for (const i of parsed.error.issues) log.add({ file, line: item.line, field: fieldPath(i.path) || undefined, message: i.message });
          continue;
        }
        const l = parsed.data;
        if (group.length && group[0].prompt_id !== l.prompt_id) await flush();
        if (!group.length) {
          if (seen.has(l.prompt_id)) {
            log.add({ file, line: item.line, field: 'prompt_id', message: `prompt "${l.prompt_id}" appeared before: a prompt's lines must be together` });
            continue;
          }
          seen.add(l.prompt_id);
          groupLine = item.line;
        }
        for (const name of Object.keys(l.scores ?? {})) scoreNames.add(name);
        group.push(l);
      }
      if (log.full) break;
    }
    await flush();
  } finally {
    records.end();
    restore.end();
    await Promise.all([finished(records), finished(restore)]);
  }
  if (!lines && !log.count) log.add({ file, line: 0, message: 'file is empty (no records)' });
  if (log.count) return { ok: false, errors: [...log.issues].sort((a, b) => a.line - b.line), errorCount: log.count };
  return { ok: true, firstLines, scoreNames };
}

type ManifestInfo = { evaluators?: { name: string; kind?: string; role?: string; weight?: number; config?: unknown }[]; policy?: unknown };

/** The export's manifest (`<name>.manifest.json` beside the file), if there is one. */
async function readManifestBeside(filePath: string): Promise<ManifestInfo | null> {
  const dir = path.dirname(filePath);
  const base = path.basename(filePath);
  const dot = base.indexOf('.', 1);
  const candidate = path.join(dir, `${dot > 0 ? base.slice(0, dot) : base}.manifest.json`);
  if (!existsSync(candidate)) return null;
  try {
    const m = JSON.parse(await readFile(candidate, 'utf8')) as ManifestInfo & { winnow_export?: number };
    return m.winnow_export ? m : null;
  } catch {
    return null;
  }
}
