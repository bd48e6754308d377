'use server';

import { revalidatePath } from 'next/cache';
import { guardAction, type ActionResult } from '@/lib/auth/guard-action';
import { RunError } from '@/lib/generation/errors';
import { cancelRun, resumeRun, retryFailed } from '@/lib/generation/manage-run';
import { runIdInputSchema, startRunFormSchema } from '@/lib/generation/run-action-schemas';
import type { RunProgressDto } from '@/lib/generation/run-dto';
import { startGenerationRun } from '@/lib/generation/start-run';

/** Expected failures (unknown endpoint, a run in the wrong state) come back as messages. */
async function asResult(fn: () => Promise<RunProgressDto>): Promise<ActionResult<RunProgressDto>> {
  try {
    const run = await fn();
    revalidatePath(`/datasets/${run.datasetId}`, 'layout');
    return { ok: true, data: run };
  } catch (e) {
    if (e instanceof RunError) return { ok: false, message: e.message };
    throw e;
  }
}

export const startRunAction = guardAction<typeof startRunFormSchema, RunProgressDto>('curator', startRunFormSchema, async (input, actor) =>
  asResult(() => startGenerationRun({ ...input, createdById: actor.id })),
);

export const cancelRunAction = guardAction<typeof runIdInputSchema, RunProgressDto>('curator', runIdInputSchema, async ({ runId }) => asResult(() => cancelRun(runId)));

export const resumeRunAction = guardAction<typeof runIdInputSchema, RunProgressDto>('curator', runIdInputSchema, async ({ runId }) => asResult(() => resumeRun(runId)));

export const retryFailedAction = guardAction<typeof runIdInputSchema, RunProgressDto>('curator', runIdInputSchema, async ({ runId }) =>
  asResult(() => retryFailed(runId)),
);
