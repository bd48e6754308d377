import 'server-only';
import { pgPool } from '../db/pool';

export type DatasetSummary = {
  id: number;
  name: string;
  description: string;
  prompts: number;
  candidates: number;
  accepted: number;
  reviewed: number;
  createdAt: string;
};

/** Every dataset with its progress counts, newest first. */
export async function listDatasets(): Promise<DatasetSummary[]> {
  const { rows } = await pgPool().query<DatasetSummary>(
    `SELECT d.id, d.name, d.description, to_json(d.created_at) #>> '{}' AS "createdAt",
       coalesce(p.n, 0)::int AS prompts,
       coalesce(c.n, 0)::int AS candidates,
       coalesce(c.accepted, 0)::int AS accepted,
       coalesce(c.reviewed, 0)::int AS reviewed
     FROM datasets d
     LEFT JOIN LATERAL (SELECT count(*) AS n FROM prompts WHERE dataset_id = d.id) p ON true
     LEFT JOIN LATERAL (
       SELECT count(*) AS n,
              count(*) FILTER (WHERE final_status IN ('accepted', 'approved')) AS accepted,
              count(*) FILTER (WHERE final_status = 'approved' OR EXISTS (SELECT 1 FROM decisions x WHERE x.candidate_id = candidates.id)) AS reviewed
       FROM candidates WHERE dataset_id = d.id) c ON true
     ORDER BY d.created_at DESC, d.id DESC`,
  );
  return rows;
}
