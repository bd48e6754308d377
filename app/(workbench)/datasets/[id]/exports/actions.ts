'use server';

import { revalidatePath } from 'next/cache';
import { guardAction } from '@/lib/auth/guard-action';
import { getDataset } from '@/lib/datasets/get-dataset';
import { supportsParquet } from '@/lib/export/formats';
import { runExport, serverExportFile } from '@/lib/export/run-export';
import { exportFormSchema } from '@/lib/export/schemas';

/** Writes a new export version on the server (curators: it creates a file and an immutable record). */
export const createExportAction = guardAction<typeof exportFormSchema, { id: number; rows: number }>('curator', exportFormSchema, async ({ datasetId, request }, user) => {
  const dataset = await getDataset(datasetId);
  if (!dataset) return { ok: false, message: 'That dataset no longer exists.' };
  if (request.parquet && !supportsParquet(request.format))
    return { ok: false, message: `${request.format} is JSONL only.`, fieldErrors: { parquet: [`${request.format} is JSONL only`] } };
  const result = await runExport({ datasetId, request, file: serverExportFile(dataset, request), actor: { userId: user.id, label: user.email } });
  revalidatePath(`/datasets/${datasetId}/exports`);
  return { ok: true, data: { id: result.id, rows: result.stats.rows } };
});
