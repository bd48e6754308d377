import 'server-only';
// "Apply" on the threshold suggestion: the evaluation lane's updatePolicy saves the policy (audit
// logged) and re-derives every verdict from the stored scores.
import type { z } from 'zod';
import { EvaluationInputError } from '../evaluation/errors';
import { updatePolicy } from '../evaluation/update-policy';
import type { applyThresholdSchema } from './schemas';

export type ApplyThresholdResult =
  | { ok: true; threshold: number; changed: number }
  | { ok: false; message: string; fieldErrors?: Record<string, string[]> };

export async function applyThreshold(input: z.output<typeof applyThresholdSchema>, actorId?: string): Promise<ApplyThresholdResult> {
  try {
    const { policy, rederive } = await updatePolicy({ datasetId: input.datasetId, threshold: input.threshold }, actorId);
    return { ok: true, threshold: policy.threshold, changed: rederive.changedCandidates };
  } catch (e) {
    if (e instanceof EvaluationInputError) return { ok: false, message: e.message, fieldErrors: e.fieldErrors };
    throw e;
  }
}
