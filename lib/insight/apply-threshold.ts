import 'server-only';
// "Apply" on the threshold suggestion: the evaluation lane's updatePolicy saves the policy (audit
// logged) and re-derives every verdict from the stored scores (now, or as a background job).
import type { z } from 'zod';
import { EvaluationInputError } from '../evaluation/errors';
import { updatePolicy } from '../evaluation/update-policy';
import type { applyThresholdSchema } from './schemas';

export type ApplyThresholdResult =
  | { ok: true; threshold: number; changed: number | null }
  | { ok: false; message: string; fieldErrors?: Record<string, string[]> };

/**
 * `rederive`: 'queue' (the UI) saves the policy and hands the re-derivation to the background job —
 * a minute at 1 M candidates must not hold a request; `changed` is then null. 'now' re-derives here.
 */
export async function applyThreshold(
  input: z.output<typeof applyThresholdSchema>,
  actorId?: string,
  opts: { rederive?: 'now' | 'queue' } = {},
): Promise<ApplyThresholdResult> {
  try {
    if (opts.rederive === 'queue') {
      const { policy } = await updatePolicy({ datasetId: input.datasetId, threshold: input.threshold }, actorId, { rederive: 'queue' });
      return { ok: true, threshold: policy.threshold, changed: null };
    }
    const { policy, rederive } = await updatePolicy({ datasetId: input.datasetId, threshold: input.threshold }, actorId);
    return { ok: true, threshold: policy.threshold, changed: rederive.changedCandidates };
  } catch (e) {
    if (e instanceof EvaluationInputError) return { ok: false, message: e.message, fieldErrors: e.fieldErrors };
    throw e;
  }
}
