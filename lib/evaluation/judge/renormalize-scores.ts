import 'server-only';
import type pg from 'pg';
import { parseEvaluatorConfig } from '../evaluators/registry';
import { normalizeSql, type NormalizeConfig, type ScoreSource } from '../evaluators/reward-model/normalize-score';

/** Kinds whose stored value is normalize(raw_value): a change of config.normalize re-derives it. */
export const RAW_SCORE_KINDS: readonly ScoreSource[] = ['imported', 'reward-model'];

/**
 * Re-normalises the stored raw values of the dataset's imported and reward-model evaluators with
 * their current config.normalize (the same mapping as normalizeScore, in SQL). Only rows whose value
 * or error would change are written, so running it again is cheap and changes nothing (idempotent).
 * Rows without a raw value (request errors, scores restored from a raw export) are left alone.
 * Returns the number of scores changed.
 */
export async function renormalizeScores(db: pg.Pool | pg.ClientBase, datasetId: number, evaluatorIds?: number[]): Promise<number> {
  const { rows } = await db.query<{ id: number; kind: ScoreSource; config: unknown }>(
    `SELECT id, kind, config FROM evaluators WHERE dataset_id = $1 AND kind = ANY($2::text[]) ${evaluatorIds ? 'AND id = ANY($3::int[])' : ''} ORDER BY id`,
    evaluatorIds ? [datasetId, RAW_SCORE_KINDS, evaluatorIds] : [datasetId, RAW_SCORE_KINDS],
  );
  let changed = 0;
  for (const e of rows) {
    const parsed = parseEvaluatorConfig(e.kind, e.config);
    if (!parsed.ok) continue; // an invalid stored config: leave its scores as they are
    const n = (parsed.config as { normalize: NormalizeConfig }).normalize;
    const sql = normalizeSql(n, e.kind);
    const value = sql.value;
    const error = sql.error.replace('$P1', '$2').replace('$P2', '$3');
    const r = await db.query(
      `UPDATE scores SET value = ${value}, error = ${error}
       WHERE evaluator_id = $1 AND raw_value IS NOT NULL
         AND ((value IS NULL) <> ((${value}) IS NULL) OR abs(value - (${value})) > 1e-12 OR error IS DISTINCT FROM (${error}))`,
      [e.id, ...sql.params],
    );
    changed += r.rowCount ?? 0;
  }
  return changed;
}
