'use server';

import { revalidatePath } from 'next/cache';
import { guardAction, type ActionResult } from '@/lib/auth/guard-action';
import { EvaluationInputError } from '@/lib/evaluation/errors';
import { startJudge, type StartJudgeResult } from '@/lib/evaluation/judge/start-judge';
import { wakeJudgeWorker } from '@/lib/evaluation/judge/judge-worker';
import { addEvaluator, deleteEvaluator, updateEvaluator } from '@/lib/evaluation/manage-evaluators';
import type { RederiveResult } from '@/lib/evaluation/rederive-dataset';
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

export const addEvaluatorAction = guardAction<typeof addEvaluatorSchema, { id: number; rederive: RederiveResult }>('curator', addEvaluatorSchema, async (input, actor) =>
  asResult(input.datasetId, async () => {
    const r = await addEvaluator(input, actor.id);
    return { id: r.evaluator.id, rederive: r.rederive };
  }),
);

export const updateEvaluatorAction = guardAction<typeof updateEvaluatorSchema, { deletedScores: number; rederive: RederiveResult }>(
  'curator',
  updateEvaluatorSchema,
  async (input, actor) =>
    asResult(null, async () => {
      const r = await updateEvaluator(input, actor.id);
      revalidatePath(`/datasets/${r.evaluator.datasetId}`, 'layout');
      return { deletedScores: r.deletedScores, rederive: r.rederive };
    }),
);

export const deleteEvaluatorAction = guardAction('curator', evaluatorIdSchema, async ({ id }, actor) =>
  asResult(null, async () => {
    await deleteEvaluator(id, actor.id);
    revalidatePath('/datasets', 'layout');
  }),
);

export const runJudgeAction = guardAction<typeof datasetIdSchema, StartJudgeResult>('curator', datasetIdSchema, async ({ datasetId }) =>
  asResult(datasetId, async () => {
    const r = await startJudge(datasetId);
    wakeJudgeWorker();
    return r;
  }),
);

export const updatePolicyAction = guardAction<typeof updatePolicySchema, RederiveResult>('curator', updatePolicySchema, async (input, actor) =>
  asResult(input.datasetId, async () => (await updatePolicy(input, actor.id)).rederive),
);
