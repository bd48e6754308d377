import 'server-only';
import { withTransaction } from '../db/with-transaction';
import { detectConflict } from './detect-conflict';
import { fillResetAuthor, lockCandidates, toState, type Actor } from './record-decision';
import type { AcceptBestInput } from './schemas';
import type { CandidateState, ReviewResult } from './types';
import { writeDecisions, type DecisionWrite } from './write-decisions';

/**
 * "Accept the best, reject the rest" for one prompt, all or nothing: approves the best-ranked
 * candidate (or `bestId`) and rejects every other one. Each candidate must still be at the version
 * the curator saw; if any changed, nothing is written. Candidates already so decided are left alone.
 */
export async function acceptBest(input: AcceptBestInput, actor: Actor): Promise<ReviewResult<CandidateState[]>> {
  return withTransaction(async (client) => {
    const { rows: all } = await client.query<{ id: number }>(
      `SELECT c.id FROM candidates c WHERE c.prompt_id = $1 AND c.dataset_id = $2
       ORDER BY c.rank ASC NULLS LAST, c.aggregate DESC NULLS LAST, c.sample_index, c.id`,
      [input.promptId, input.datasetId],
    );
    if (all.length === 0) return { ok: false, status: 404, message: 'This prompt has no candidates.' };
    const bestId = input.bestId ?? all[0].id;
    if (!all.some((r) => r.id === bestId)) return { ok: false, status: 422, message: `Candidate #${bestId} is not one of this prompt's.` };
    const locked = await lockCandidates(client, input.datasetId, all.map((r) => r.id));
    const seen = new Map(input.versions.map((v) => [v.candidateId, v.version]));
    for (const { id } of all) {
      const current = locked.get(id)!;
      // A candidate the curator never saw (generated meanwhile) is a change too.
      const conflict = detectConflict(seen.get(id) ?? -1, current);
      if (conflict) {
        const full = detectConflict(seen.get(id) ?? -1, await fillResetAuthor(client, current))!;
        return { ok: false, status: 409, message: full.message, conflict: full };
      }
    }
    const writes: DecisionWrite[] = [];
    for (const { id } of all) {
      const want = id === bestId ? 'approved' : 'rejected';
      if (locked.get(id)!.verdict === want) continue;
      writes.push({ candidateId: id, action: id === bestId ? 'approve' : 'reject', reviewerId: actor.id, note: null });
    }
    const written = await writeDecisions(client, writes, actor.id, { action: (w) => `accept-best:${w.action}` });
    return { ok: true, data: written.map((w) => toState(w, actor, null)) };
  });
}
