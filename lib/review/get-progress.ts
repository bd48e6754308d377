import 'server-only';
import { pgPool } from '../db/pool';

export type ReviewProgress = {
  total: number;
  reviewed: number;
  curators: { userId: string | null; name: string; decisions: number; prompts: number }[];
};

/** Reviewed prompts out of all, and how many decisions (and prompts) each curator made. */
export async function getProgress(datasetId: number): Promise<ReviewProgress> {
  const pool = pgPool();
  const [totals, curators] = await Promise.all([
    pool.query<{ total: number; reviewed: number }>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE reviewed_at IS NOT NULL)::int AS reviewed FROM prompts WHERE dataset_id = $1`,
      [datasetId],
    ),
    pool.query<{ userId: string | null; name: string | null; decisions: number; prompts: number }>(
      `SELECT d.reviewer_id AS "userId", coalesce(nullif(u.name, ''), u.email) AS name, count(*)::int AS decisions, count(DISTINCT c.prompt_id)::int AS prompts
       FROM decisions d JOIN candidates c ON c.id = d.candidate_id LEFT JOIN users u ON u.id = d.reviewer_id
       WHERE c.dataset_id = $1 GROUP BY 1, 2 ORDER BY decisions DESC`,
      [datasetId],
    ),
  ]);
  return {
    total: totals.rows[0].total,
    reviewed: totals.rows[0].reviewed,
    curators: curators.rows.map((r) => ({ ...r, name: r.name ?? 'deleted user' })),
  };
}
