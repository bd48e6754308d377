import 'server-only';
import { pgPool } from '../db/pool';
import { promptFilterSql } from './filter-sql';
import type { PromptFilter } from './schemas';

export type PromptNeighbours = { prevId: number | null; nextId: number | null };

/** The prompts just before and after `promptId` in the list the curator came from (same filter). */
export async function getPromptNeighbours(datasetId: number, promptId: number, filter: PromptFilter): Promise<PromptNeighbours> {
  const sql = promptFilterSql(datasetId, filter, 2);
  const { rows } = await pgPool().query<PromptNeighbours>(
    `SELECT
       (SELECT p.id FROM prompts p WHERE ${sql.text} AND p.id < $1 ORDER BY p.id DESC LIMIT 1) AS "prevId",
       (SELECT p.id FROM prompts p WHERE ${sql.text} AND p.id > $1 ORDER BY p.id ASC LIMIT 1) AS "nextId"`,
    [promptId, ...sql.params],
  );
  return rows[0] ?? { prevId: null, nextId: null };
}
