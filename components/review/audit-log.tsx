import type { AuditEntry } from '@/lib/review/types';
import { RelativeTime } from '../ui/relative-time';

function describe(e: AuditEntry): string {
  const [kind, verb] = e.action.includes(':') ? e.action.split(':') : ['', e.action];
  const target = e.candidateId ? `#${e.candidateId}` : 'the prompt';
  const from = (e.before?.verdict as string | null) ?? `auto (${(e.before?.finalStatus as string) ?? '?'})`;
  const to = (e.after?.verdict as string | null) ?? `auto (${(e.after?.finalStatus as string) ?? '?'})`;
  const prefix = kind === 'bulk' ? 'bulk: ' : kind === 'undo' ? 'undo bulk: ' : kind === 'accept-best' ? 'accept best: ' : '';
  if (verb === 'note') return (e.after?.note as string | null) ? 'edited the note' : 'removed the note';
  return `${prefix}${verb} ${target}: ${from} → ${to}`;
}

/** Who changed what on this prompt, newest first. */
export function AuditLog({ entries }: { entries: AuditEntry[] }) {
  if (entries.length === 0) return <p className="text-xs text-zinc-500">No changes yet.</p>;
  return (
    <ol className="space-y-1.5 text-xs" data-testid="audit-log">
      {entries.map((e) => (
        <li key={e.id} className="flex gap-2">
          <span className="mt-1.5 size-1.5 shrink-0 rounded-full bg-zinc-300" aria-hidden />
          <span className="min-w-0 text-zinc-700">
            <span className="font-medium text-zinc-900">{e.actor ?? 'deleted user'}</span> {describe(e)}
            <span className="text-zinc-400"> · </span>
            <RelativeTime date={e.createdAt} className="text-zinc-500" />
          </span>
        </li>
      ))}
    </ol>
  );
}
