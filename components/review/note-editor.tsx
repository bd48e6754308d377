'use client';
import { useState } from 'react';
import { Button } from '../ui/button';
import { Textarea } from '../ui/input';

/** The prompt's note: shown, edited in place, saved with the note as read (a stale edit is refused). */
export function NoteEditor({ note, canEdit, saving, onSave }: { note: string | null; canEdit: boolean; saving: boolean; onSave: (next: string, previous: string | null) => void }) {
  const [draft, setDraft] = useState<string | null>(null);
  if (draft === null) {
    return (
      <div className="space-y-2">
        {note ? <p className="text-sm whitespace-pre-wrap text-zinc-800" data-testid="prompt-note">{note}</p> : <p className="text-xs text-zinc-500">No note.</p>}
        {canEdit && (
          <Button size="sm" variant="ghost" onClick={() => setDraft(note ?? '')}>
            {note ? 'Edit note' : 'Add a note'}
          </Button>
        )}
      </div>
    );
  }
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(draft, note);
        setDraft(null);
      }}
    >
      <Textarea aria-label="Note" value={draft} onChange={(e) => setDraft(e.target.value)} rows={3} maxLength={5000} autoFocus placeholder="Why this prompt is tricky, what to check…" />
      <div className="flex gap-2">
        <Button size="sm" variant="primary" type="submit" disabled={saving}>
          Save note
        </Button>
        <Button size="sm" variant="ghost" onClick={() => setDraft(null)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
