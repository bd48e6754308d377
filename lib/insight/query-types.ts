import 'server-only';
// Row shapes shared by the two ways of reading the heavy Insight figures: the maintained summary
// tables (query-summaries.ts, what the page uses) and a full recomputation from the base tables
// (query-base.ts, the reference the tests compare with).
import { pgPool } from '../db/pool';

export interface CostCellRow {
  runId: number;
  model: string | null;
  status: 'pending' | 'accepted' | 'rejected' | 'approved';
  n: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  costed: number;
}
/** Unreviewed candidates the threshold decides (passed gates, within top-k), by aggregate bin (thousandths). */
export interface BinRow { bin: number; n: number }
/** Prompts whose first passing sample is firstPass (null: none), per run (null: over all runs). */
export interface YieldRow { runId: number | null; firstPass: number | null; prompts: number; maxIndex: number }
export interface HistRow { evaluatorId: number; bin: number; status: 'accepted' | 'approved' | 'rejected' | 'pending'; count: number }
export interface SpreadRow { spread: number; n: number }

export interface ReviewedRow { auto: string; verdict: 'approved' | 'rejected'; cls: number; inTop: boolean; bin: number | null; n: number }
export interface EvaluatorReviewedRow { evaluatorId: number; bin: number | null; passed: boolean | null; verdict: 'approved' | 'rejected'; n: number }

export interface StatsSource {
  reviewed(datasetId: number, topK: number): Promise<ReviewedRow[]>;
  evaluatorReviewed(datasetId: number): Promise<EvaluatorReviewedRow[]>;
  costCells(datasetId: number): Promise<CostCellRow[]>;
  unreviewedBins(datasetId: number, topK: number): Promise<BinRow[]>;
  yieldCells(datasetId: number): Promise<YieldRow[]>;
  histCells(datasetId: number, evaluatorIds: number[]): Promise<HistRow[]>;
  spreadCells(datasetId: number, evaluatorIds: number[]): Promise<SpreadRow[]>;
}

export async function timedRows<T>(sql: string, params: unknown[]): Promise<T[]> {
  const started = performance.now();
  const out = (await pgPool().query(sql, params)).rows as T[];
  if (process.env.WINNOW_INSIGHT_PROFILE) process.stderr.write(`${(performance.now() - started).toFixed(0).padStart(6)} ms  ${sql.replace(/\s+/g, ' ').slice(0, 90)}\n`);
  return out;
}
