import 'server-only';
import { pgPool } from '../../db/pool';
import { JUDGE_QUEUE } from './queue';

export interface EvaluatorProgressDto {
  id: number;
  name: string;
  kind: string;
  role: 'gate' | 'score';
  /** Candidates with a score (no error) from this evaluator. */
  scored: number;
  /** Candidates whose score from this evaluator is an error. */
  errors: number;
}

export interface JudgeProgressDto {
  datasetId: number;
  candidates: number;
  evaluators: EvaluatorProgressDto[];
  /** (candidate, evaluator) pairs: candidates × evaluators. */
  total: number;
  scored: number;
  errors: number;
  /** Judge jobs of this dataset waiting, running, and failed for good. */
  jobs: { queued: number; active: number; failed: number };
  running: boolean;
}

/** Where judging a dataset stands: scored/total per evaluator, errors, and the queue. */
export async function getJudgeProgress(datasetId: number): Promise<JudgeProgressDto> {
  const pool = pgPool();
  const [ev, cand, jobs] = await Promise.all([
    pool.query<EvaluatorProgressDto>(
      `SELECT e.id, e.name, e.kind, e.role::text AS role,
              count(s.candidate_id) FILTER (WHERE s.error IS NULL)::int AS scored,
              count(s.candidate_id) FILTER (WHERE s.error IS NOT NULL)::int AS errors
       FROM evaluators e LEFT JOIN scores s ON s.evaluator_id = e.id
       WHERE e.dataset_id = $1 GROUP BY e.id ORDER BY e.id`,
      [datasetId],
    ),
    // The Insight summaries (kept exact by triggers) count the dataset's candidates without a pass over them.
    pool.query<{ n: number }>('SELECT coalesce(sum(n), 0)::int AS n FROM insight_cost_cells WHERE dataset_id = $1', [datasetId]),
    pool
      .query<{ queued: number; active: number; failed: number }>(
        `SELECT count(*) FILTER (WHERE state IN ('created', 'retry'))::int AS queued,
                count(*) FILTER (WHERE state = 'active')::int AS active,
                count(*) FILTER (WHERE state = 'failed')::int AS failed
         FROM pgboss.job WHERE name = $1 AND (data->>'datasetId')::int = $2`,
        [JUDGE_QUEUE, datasetId],
      )
      .catch(() => ({ rows: [{ queued: 0, active: 0, failed: 0 }] })), // no queue schema yet
  ]);
  const candidates = cand.rows[0]?.n ?? 0;
  const evaluators = ev.rows;
  const j = jobs.rows[0] ?? { queued: 0, active: 0, failed: 0 };
  return {
    datasetId,
    candidates,
    evaluators,
    total: candidates * evaluators.length,
    scored: evaluators.reduce((a, e) => a + e.scored, 0),
    errors: evaluators.reduce((a, e) => a + e.errors, 0),
    jobs: j,
    running: j.queued + j.active > 0,
  };
}

/** "judged 1,000 / 2,000 (50 %), 3 errors, 4 jobs queued, 2 running". */
export function formatJudgeProgress(p: JudgeProgressDto): string {
  const pct = p.total ? Math.floor(((p.scored + p.errors) / p.total) * 100) : 100;
  const parts = [`judged ${(p.scored + p.errors).toLocaleString('en-US')} / ${p.total.toLocaleString('en-US')} (${pct} %)`];
  if (p.errors) parts.push(`${p.errors.toLocaleString('en-US')} errors`);
  if (p.jobs.queued) parts.push(`${p.jobs.queued} jobs queued`);
  if (p.jobs.active) parts.push(`${p.jobs.active} running`);
  if (p.jobs.failed) parts.push(`${p.jobs.failed} jobs failed`);
  return parts.join(', ');
}
