'use server';

import { revalidatePath } from 'next/cache';
import { guardAction } from '@/lib/auth/guard-action';
import { applyThreshold } from '@/lib/insight/apply-threshold';
import { applyThresholdSchema } from '@/lib/insight/schemas';

/** Sets the dataset policy's threshold (from the Insight suggestion) and queues the re-derivation of its verdicts. */
export const applyThresholdAction = guardAction<typeof applyThresholdSchema, { threshold: number }>(
  'curator',
  applyThresholdSchema,
  async (input, user) => {
    const r = await applyThreshold(input, user.id, { rederive: 'queue' });
    if (!r.ok) return { ok: false, message: r.message, fieldErrors: r.fieldErrors };
    revalidatePath(`/datasets/${input.datasetId}`, 'layout');
    return { ok: true, data: { threshold: r.threshold } };
  },
);
