import { z } from 'zod';
import { startRunInputSchema } from './schemas';

// Inputs of the run server actions and route handlers (the run parameters themselves are in schemas.ts).

/** The "Start generation" form: the run parameters plus dataset and endpoint; the creator comes from the session. */
export const startRunFormSchema = startRunInputSchema.omit({ createdById: true });
export type StartRunFormInput = z.input<typeof startRunFormSchema>;

/** Cancel / resume / retry failed. */
export const runIdInputSchema = z.object({ runId: z.coerce.number().int().positive() });

/** GET /api/runs?datasetId= */
export const runListQuerySchema = z.object({ datasetId: z.coerce.number().int().positive() });

/** A run id from a URL segment, or null. */
export function parseRunIdParam(value: string): number | null {
  const id = Number(value);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}
