import 'server-only';
import { prisma } from '../db/client';
import { pgPool } from '../db/pool';

export type DatasetCounts = {
  prompts: number;
  candidates: number;
  scored: number;
  autoAccepted: number;
  approved: number;
  rejected: number;
  /** Candidates with a curator decision. */
  reviewed: number;
  promptsWithAccepted: number;
};

export type DatasetStatus = DatasetCounts & { dataset: string };

/** Progress counts of one dataset by id, in one round trip. */
export async function getDatasetCounts(datasetId: number): Promise<DatasetCounts> {
  // One pass over the dataset's candidates, reached through its prompts (candidates.dataset_id has no
  // index); "scored" joins the distinct scored ids of the dataset's evaluators (a hash join, instead of
  // probing the scores index once per candidate).
  const { rows } = await pgPool().query<DatasetCounts>(
    `SELECT p.prompts, p."promptsWithAccepted", c.*
     FROM (SELECT count(*)::int AS prompts, count(*) FILTER (WHERE accepted_count > 0)::int AS "promptsWithAccepted"
           FROM prompts WHERE dataset_id = $1) p,
          (SELECT count(*)::int AS candidates,
                  count(s.candidate_id)::int AS scored,
                  count(*) FILTER (WHERE c.auto_verdict = 'accepted')::int AS "autoAccepted",
                  count(d.id) FILTER (WHERE d.verdict = 'approved')::int AS approved,
                  count(d.id) FILTER (WHERE d.verdict = 'rejected')::int AS rejected,
                  count(d.id)::int AS reviewed
           FROM prompts pr JOIN candidates c ON c.prompt_id = pr.id
           LEFT JOIN decisions d ON d.candidate_id = c.id
           LEFT JOIN (SELECT DISTINCT s.candidate_id FROM scores s JOIN evaluators e ON e.id = s.evaluator_id WHERE e.dataset_id = $1) s
             ON s.candidate_id = c.id
           WHERE pr.dataset_id = $1) c`,
    [datasetId],
  );
  return rows[0];
}

/** Progress counts of one dataset by name. Null if there is no such dataset. */
export async function getDatasetStatus(name: string): Promise<DatasetStatus | null> {
  const dataset = await prisma.dataset.findUnique({ where: { name }, select: { id: true, name: true } });
  if (!dataset) return null;
  return { dataset: dataset.name, ...(await getDatasetCounts(dataset.id)) };
}
