import 'server-only';
import { pgPool } from '../db/pool';
import { KIND_INFO } from './evaluators/catalog';
import { getEvaluatorDefinition, registeredKinds } from './evaluators/registry';
import { getJudgeProgress, type JudgeProgressDto } from './judge/judge-progress';
import { getRederiveStatus, type RederiveStatusDto } from './judge/rederive-status';
import { listEvaluators, type EvaluatorDto } from './manage-evaluators';
import type { Policy } from './policy';
import { getPolicy } from './update-policy';

export interface KindDto {
  kind: string;
  label: string;
  help: string;
  defaultRole: 'gate' | 'score';
  example: string;
}

export interface VerdictCountsDto {
  candidates: number;
  accepted: number;
  rejected: number;
  pending: number;
  prompts: number;
  promptsWithAccepted: number;
}

export interface EvaluationOverviewDto {
  datasetId: number;
  evaluators: (EvaluatorDto & { scored: number; errors: number })[];
  progress: JudgeProgressDto;
  policy: Policy;
  counts: VerdictCountsDto;
  /** Whole-dataset re-derivation after a change (queued job): pending, and the recent jobs' results. */
  rederive: RederiveStatusDto;
}

/** The kinds this build runs, for the add-evaluator form. */
export function listKinds(): KindDto[] {
  return registeredKinds().map((kind) => ({
    kind,
    label: KIND_INFO[kind].label,
    help: KIND_INFO[kind].help,
    defaultRole: getEvaluatorDefinition(kind)!.defaultRole,
    example: JSON.stringify(KIND_INFO[kind].example, null, 2),
  }));
}

export async function getVerdictCounts(datasetId: number): Promise<VerdictCountsDto> {
  const { rows } = await pgPool().query<VerdictCountsDto>(
    `SELECT (SELECT count(*)::int FROM candidates WHERE dataset_id = $1) AS candidates,
            (SELECT count(*)::int FROM candidates WHERE dataset_id = $1 AND auto_verdict = 'accepted') AS accepted,
            (SELECT count(*)::int FROM candidates WHERE dataset_id = $1 AND auto_verdict = 'rejected') AS rejected,
            (SELECT count(*)::int FROM candidates WHERE dataset_id = $1 AND auto_verdict = 'pending') AS pending,
            (SELECT count(*)::int FROM prompts WHERE dataset_id = $1) AS prompts,
            (SELECT count(*)::int FROM prompts WHERE dataset_id = $1 AND accepted_count > 0) AS "promptsWithAccepted"`,
    [datasetId],
  );
  return rows[0];
}

/** Everything the Evaluators & policy page shows, in one call (also its polling route). */
export async function getEvaluationOverview(datasetId: number): Promise<EvaluationOverviewDto | null> {
  const policy = await getPolicy(datasetId);
  if (!policy) return null;
  const [evaluators, progress, counts, rederive] = await Promise.all([listEvaluators(datasetId), getJudgeProgress(datasetId), getVerdictCounts(datasetId), getRederiveStatus(datasetId)]);
  return {
    datasetId,
    evaluators: evaluators.map((e) => {
      const p = progress.evaluators.find((x) => x.id === e.id);
      return { ...e, scored: p?.scored ?? 0, errors: p?.errors ?? 0 };
    }),
    progress,
    policy,
    counts,
    rederive,
  };
}
