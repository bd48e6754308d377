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
  // One pass over the dataset's candidates, reached through its prompts (candidates.dataset_id has no index).
  const { rows } = await pgPool().query<VerdictCountsDto>(
    `SELECT c.*, p.*
     FROM (SELECT count(*)::int AS candidates,
                  count(*) FILTER (WHERE c.auto_verdict = 'accepted')::int AS accepted,
                  count(*) FILTER (WHERE c.auto_verdict = 'rejected')::int AS rejected,
                  count(*) FILTER (WHERE c.auto_verdict = 'pending')::int AS pending
           FROM prompts pr JOIN candidates c ON c.prompt_id = pr.id WHERE pr.dataset_id = $1) c,
          (SELECT count(*)::int AS prompts, count(*) FILTER (WHERE accepted_count > 0)::int AS "promptsWithAccepted"
           FROM prompts WHERE dataset_id = $1) p`,
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
