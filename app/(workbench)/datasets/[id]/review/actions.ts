'use server';

import { guardAction, type ActionResult } from '@/lib/auth/guard-action';
import { acceptBest } from '@/lib/review/accept-best';
import { applyBulk, undoLastBulk, type BulkOutcome } from '@/lib/review/bulk-actions';
import { claimNext } from '@/lib/review/claim-next';
import { recordDecision } from '@/lib/review/record-decision';
import { saveNote } from '@/lib/review/save-note';
import { acceptBestInputSchema, bulkInputSchema, claimInputSchema, decisionInputSchema, noteInputSchema, undoInputSchema } from '@/lib/review/schemas';
import type { CandidateState, ConflictInfo, ReviewResult } from '@/lib/review/types';

// Thin wrappers: role check + zod parse (guardAction), one lib call. A refused decision comes back
// as { ok: false, message, conflict } so the board can show the other person's decision.
export type ReviewActionResult<T> = ActionResult<T> & { conflict?: ConflictInfo };

function toAction<T>(r: ReviewResult<T>): ActionResult<T> {
  if (r.ok) return { ok: true, data: r.data } as ActionResult<T>;
  const refused = { ok: false as const, message: r.message, conflict: r.conflict };
  return refused;
}

export const decideAction = guardAction<typeof decisionInputSchema, CandidateState>('curator', decisionInputSchema, async (input, user) =>
  toAction(await recordDecision(input, user)),
);

export const acceptBestAction = guardAction<typeof acceptBestInputSchema, CandidateState[]>('curator', acceptBestInputSchema, async (input, user) =>
  toAction(await acceptBest(input, user)),
);

export const saveNoteAction = guardAction<typeof noteInputSchema, { note: string | null }>('curator', noteInputSchema, async (input, user) =>
  toAction(await saveNote(input, user)),
);

export const claimNextAction = guardAction<typeof claimInputSchema, { promptId: number | null }>('curator', claimInputSchema, async (input, user) => ({
  ok: true,
  data: { promptId: await claimNext(input, user.id) },
}));

export const applyBulkAction = guardAction<typeof bulkInputSchema, BulkOutcome>('curator', bulkInputSchema, async (input, user) => toAction(await applyBulk(input, user)));

export const undoBulkAction = guardAction<typeof undoInputSchema, { restored: number; skipped: number; label: string }>('curator', undoInputSchema, async ({ datasetId }, user) =>
  toAction(await undoLastBulk(datasetId, user)),
);
