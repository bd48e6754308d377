// Shared by the import integration tests: temp files, table counts, failed-import assertions.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { closePgPool, pgPool } from '../db/pool';
import { resetDatabase } from '../testing/reset-database';
import { formatIssue, importFile, type ImportOptions, type ImportResult } from './import-file';

/** Registers the hooks (temp dir, empty database before each test) and returns the helpers. */
export function setupImportTestbed() {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'winnow-import-test-'));
  });
  afterAll(async () => {
    await closePgPool();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => resetDatabase());

  return {
    path: (name: string) => path.join(dir, name),
    async file(name: string, content: string | Buffer | ArrayBuffer) {
      const p = path.join(dir, name);
      await writeFile(p, content instanceof ArrayBuffer ? Buffer.from(content) : content);
      return p;
    },
  };
}

export const jsonl = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

export async function counts() {
  const { rows } = await pgPool().query(
    `SELECT (SELECT count(*) FROM datasets)::int AS datasets, (SELECT count(*) FROM prompts)::int AS prompts,
            (SELECT count(*) FROM candidates)::int AS candidates, (SELECT count(*) FROM generation_runs)::int AS runs,
            (SELECT count(*) FROM evaluators)::int AS evaluators, (SELECT count(*) FROM scores)::int AS scores,
            (SELECT count(*) FROM prompt_search)::int AS "searchRows"`,
  );
  return rows[0] as Record<string, number>;
}

export function failed(result: ImportResult) {
  if (result.ok) throw new Error(`expected a failed import, got ${JSON.stringify(result)}`);
  return { ...result, lines: result.errors.map(formatIssue) };
}

/** Import that must fail and leave the database exactly as it was (every table's row count). */
export async function expectRejected(opts: ImportOptions) {
  const before = await counts();
  const result = failed(await importFile(opts));
  expect(await counts()).toEqual(before);
  return result;
}
