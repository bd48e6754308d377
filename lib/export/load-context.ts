import 'server-only';
// What an export needs to know about its dataset besides the rows: the policy and its gates, the
// evaluators with their configs, the runs (models, params, system prompts). Small tables, read once.
// Plain pg (not Prisma): the CLI and the bench then never load the Prisma engine (~75 MB, ~1 s).
import type pg from 'pg';
import { safeParsePolicy } from '../evaluation/policy/schemas';
import type { ExportContext, RunInfo } from './types';

export type EvaluatorInfo = { name: string; kind: string; role: string; weight: number; config: unknown };

export type DatasetExportInfo = {
  dataset: { id: number; name: string };
  policy: unknown;
  evaluators: EvaluatorInfo[];
  runs: (RunInfo & { endpoint: string | null; status: string })[];
  ctx: ExportContext;
  totalPrompts: number;
};

export async function loadExportContext(pool: pg.Pool, datasetId: number): Promise<DatasetExportInfo | null> {
  const dataset = await pool.query<{ id: number; name: string; policy: unknown }>('SELECT id, name, policy FROM datasets WHERE id = $1', [datasetId]);
  if (!dataset.rows.length) return null;
  const [evaluators, runs, total] = await Promise.all([
    pool.query<EvaluatorInfo>('SELECT name, kind, role::text AS role, weight, config FROM evaluators WHERE dataset_id = $1 ORDER BY name', [datasetId]),
    pool.query<{ id: number; kind: string; model: string | null; params: Record<string, unknown> | null; status: string; endpoint: string | null; endpoint_model: string | null }>(
      `SELECT r.id, r.kind::text AS kind, r.model, r.params, r.status::text AS status, e.name AS endpoint, e.model AS endpoint_model
         FROM generation_runs r LEFT JOIN endpoints e ON e.id = r.endpoint_id WHERE r.dataset_id = $1 ORDER BY r.id`,
      [datasetId],
    ),
    pool.query<{ n: number }>('SELECT count(*)::int AS n FROM prompts WHERE dataset_id = $1', [datasetId]),
  ]);
  const parsed = safeParsePolicy(dataset.rows[0].policy);
  const gateSetting = parsed.ok ? parsed.policy.gates : 'all';
  const gates = gateSetting === 'all' ? evaluators.rows.filter((e) => e.role === 'gate').map((e) => e.name) : gateSetting;
  const runInfos = runs.rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    model: r.model ?? r.endpoint_model ?? null,
    params: r.params ?? {},
    endpoint: r.endpoint,
    status: r.status,
  }));
  return {
    dataset: { id: dataset.rows[0].id, name: dataset.rows[0].name },
    policy: parsed.ok ? parsed.policy : dataset.rows[0].policy,
    evaluators: evaluators.rows,
    runs: runInfos,
    ctx: { gates, runs: new Map(runInfos.map((r) => [r.id, r])) },
    totalPrompts: total.rows[0].n,
  };
}

/** Reviewers of the dataset's decisions, with how many each made (for the manifest). */
export async function loadReviewers(pool: pg.Pool, datasetId: number): Promise<{ reviewer: string | null; decisions: number }[]> {
  const { rows } = await pool.query<{ email: string | null; n: number }>(
    `SELECT u.email, count(*)::int AS n FROM decisions d JOIN candidates c ON c.id = d.candidate_id
       LEFT JOIN users u ON u.id = d.reviewer_id
      WHERE c.dataset_id = $1 GROUP BY u.email ORDER BY u.email NULLS LAST`,
    [datasetId],
  );
  return rows.map((r) => ({ reviewer: r.email, decisions: r.n }));
}
