import 'server-only';
import { prisma } from '../db/client';
import { pgPool } from '../db/pool';

export type DatasetStatus = {
  dataset: string;
  prompts: number;
  candidates: number;
  scored: number;
  autoAccepted: number;
  approved: number;
  rejected: number;
  reviewed: number;
  promptsWithAccepted: number;
};

/** Progress counts of one dataset, in one round trip. Null if there is no such dataset. */
export async function getDatasetStatus(name: string): Promise<DatasetStatus | null> {
  const dataset = await prisma.dataset.findUnique({ where: { name }, select: { id: true, name: true } });
  if (!dataset) return null;
  const { rows } = await pgPool().query(
    `SELECT
       (SELECT count(*) FROM prompts WHERE dataset_id = $1)::int AS prompts,
       (SELECT count(*) FROM prompts WHERE dataset_id = $1 AND accepted_count > 0)::int AS "promptsWithAccepted",
       count(*)::int AS candidates,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM scores s WHERE s.candidate_id = c.id))::int AS scored,
       count(*) FILTER (WHERE c.auto_verdict = 'accepted')::int AS "autoAccepted",
       count(d.id) FILTER (WHERE d.verdict = 'approved')::int AS approved,
       count(d.id) FILTER (WHERE d.verdict = 'rejected')::int AS rejected,
       count(d.id)::int AS reviewed
     FROM candidates c LEFT JOIN decisions d ON d.candidate_id = c.id
     WHERE c.dataset_id = $1`,
    [dataset.id],
  );
  return { dataset: dataset.name, ...rows[0] };
}
