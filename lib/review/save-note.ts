import 'server-only';
import { pgPool } from '../db/pool';
import type { Actor } from './record-decision';
import type { NoteInput } from './schemas';
import type { ReviewResult } from './types';

/**
 * Sets the prompt's review note (empty = remove). Refused when the note changed since the curator
 * read it (`previous`), so nobody's note is silently replaced. The change goes to the audit log.
 */
export async function saveNote(input: NoteInput, actor: Actor): Promise<ReviewResult<{ note: string | null }>> {
  const note = input.note === '' ? null : input.note;
  const { rows } = await pgPool().query<{ note: string | null; updated: boolean }>(
    `WITH cur AS (SELECT id, dataset_id, review_note FROM prompts WHERE id = $1 AND dataset_id = $2 FOR UPDATE),
     upd AS (
       UPDATE prompts p SET review_note = $3 FROM cur
       WHERE p.id = cur.id AND cur.review_note IS NOT DISTINCT FROM $4 AND cur.review_note IS DISTINCT FROM $3
       RETURNING p.id
     ), aud AS (
       INSERT INTO audit_logs (dataset_id, prompt_id, actor_id, action, before, after)
       SELECT cur.dataset_id, cur.id, $5, 'note', jsonb_build_object('note', cur.review_note), jsonb_build_object('note', $3::text)
       FROM cur JOIN upd ON upd.id = cur.id
     )
     SELECT cur.review_note AS note, EXISTS (SELECT 1 FROM upd) AS updated FROM cur`,
    [input.promptId, input.datasetId, note, input.previous, actor.id],
  );
  const row = rows[0];
  if (!row) return { ok: false, status: 404, message: 'This prompt is not in this dataset.' };
  if (!row.updated && row.note !== note) {
    return { ok: false, status: 409, message: 'Someone else changed the note meanwhile; theirs is shown now. Add yours again if it still applies.' };
  }
  return { ok: true, data: { note } };
}
