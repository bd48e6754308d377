import 'server-only';
import { pgPool } from '../db/pool';

export type DatasetSummary = {
  id: number;
  name: string;
  description: string;
  prompts: number;
  candidates: number;
  /** Candidates accepted by the policy or approved by a curator. */
  accepted: number;
  /** Candidates with a curator decision. */
  reviewed: number;
  /** Prompts with at least one curator decision on a candidate. */
  reviewedPrompts: number;
  createdAt: string;
};

/** Every dataset with its progress counts, newest first. */
export async function listDatasets(): Promise<DatasetSummary[]> {
  const { rows } = await pgPool().query<DatasetSummary>(
    `SELECT d.id, d.name, d.description, to_json(d.created_at) #>> '{}' AS "createdAt",
       coalesce(p.n, 0)::int AS prompts,
       coalesce(c.n, 0)::int AS candidates,
       coalesce(c.accepted, 0)::int AS accepted,
       coalesce(r.candidates, 0)::int AS reviewed,
       coalesce(r.prompts, 0)::int AS "reviewedPrompts"
     FROM datasets d
     LEFT JOIN LATERAL (SELECT count(*) AS n FROM prompts WHERE dataset_id = d.id) p ON true
     -- Counts by final status from the Insight summaries (kept by triggers on every write): a count
     -- over the candidates themselves is a full pass of a large dataset.
     LEFT JOIN LATERAL (
       SELECT sum(n) AS n, sum(n) FILTER (WHERE final_status IN ('accepted', 'approved')) AS accepted
       FROM insight_cost_cells WHERE dataset_id = d.id) c ON true
     -- Decisions are few next to candidates: start from them rather than probing every candidate.
     LEFT JOIN LATERAL (
       SELECT (SELECT count(*) FROM decisions x JOIN candidates k ON k.id = x.candidate_id WHERE k.dataset_id = d.id) AS candidates,
              (SELECT count(DISTINCT k.prompt_id) FROM decisions x JOIN candidates k ON k.id = x.candidate_id WHERE k.dataset_id = d.id) AS prompts
     ) r ON true
     ORDER BY d.created_at DESC, d.id DESC`,
  );
  return rows;
}
