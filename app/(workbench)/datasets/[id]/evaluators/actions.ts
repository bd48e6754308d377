'use server';

import { revalidatePath } from 'next/cache';
import { guardAction, type ActionResult } from '@/lib/auth/guard-action';
import { EvaluationInputError } from '@/lib/evaluation/errors';
import { startJudge, type StartJudgeResult } from '@/lib/evaluation/judge/start-judge';
import { wakeJudgeWorker } from '@/lib/evaluation/judge/judge-worker';
import { addEvaluator, deleteEvaluator, updateEvaluator } from '@/lib/evaluation/manage-evaluators';
import type { QueuedRederive } from '@/lib/evaluation/judge/rederive-job';
import { addEvaluatorSchema, datasetIdSchema, evaluatorIdSchema, updateEvaluatorSchema, updatePolicySchema } from '@/lib/evaluation/schemas';
import { updatePolicy } from '@/lib/evaluation/update-policy';

/** Expected failures (bad config, duplicate name, unknown gate) come back with the fields named. */
async function asResult<T>(datasetId: number | null, fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    const data = await fn();
    if (datasetId) revalidatePath(`/datasets/${datasetId}`, 'layout');
    return { ok: true, data } as ActionResult<T>;
  } catch (e) {
    if (e instanceof EvaluationInputError) return { ok: false, status: 422, message: e.message, fieldErrors: e.fieldErrors };
    throw e;
  }
}

// Every change returns at once: verdicts are re-derived by a queued job (the panel follows it by
// polling the evaluation route: rederive.pending, then the job's result).

export const addEvaluatorAction = guardAction<typeof addEvaluatorSchema, { id: number; rederive: QueuedRederive }>('curator', addEvaluatorSchema, async (input, actor) =>
  asResult(input.datasetId, async () => {
    const r = await addEvaluator(input, actor.id, { rederive: 'queue' });
    return { id: r.evaluator.id, rederive: r.rederive };
  }),
);

export const updateEvaluatorAction = guardAction<typeof updateEvaluatorSchema, { deletedScores: number; renormalize: boolean; rederive: QueuedRederive }>(
  'curator',
  updateEvaluatorSchema,
  async (input, actor) =>
    asResult(null, async () => {
      const r = await updateEvaluator(input, actor.id, { rederive: 'queue' });
      revalidatePath(`/datasets/${r.evaluator.datasetId}`, 'layout');
      return { deletedScores: r.deletedScores, renormalize: r.renormalize, rederive: r.rederive };
    }),
);

export const deleteEvaluatorAction = guardAction('curator', evaluatorIdSchema, async ({ id }, actor) =>
  asResult(null, async () => {
    const r = await deleteEvaluator(id, actor.id, { rederive: 'queue' });
    revalidatePath('/datasets', 'layout');
    return r ? { rederive: r.rederive } : null;
  }),
);

export const runJudgeAction = guardAction<typeof datasetIdSchema, StartJudgeResult>('curator', datasetIdSchema, async ({ datasetId }) =>
  asResult(datasetId, async () => {
    const r = await startJudge(datasetId);
    wakeJudgeWorker();
    return r;
  }),
);

export const updatePolicyAction = guardAction<typeof updatePolicySchema, QueuedRederive>('curator', updatePolicySchema, async (input, actor) =>
  asResult(input.datasetId, async () => (await updatePolicy(input, actor.id, { rederive: 'queue' })).rederive),
);
