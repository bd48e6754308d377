'use client';
import { Dialog } from '../ui/dialog';
import { Kbd } from '../ui/kbd';

export const SHORTCUTS: [string[], string][] = [
  [['j', 'k'], 'Next / previous candidate'],
  [['1', '…', '9'], 'Jump to candidate'],
  [['a'], 'Approve the selected candidate'],
  [['r'], 'Reject the selected candidate'],
  [['u'], 'Reset it to the automatic verdict'],
  [['b'], 'Accept the best, reject the rest (blind mode: the selected one)'],
  [['d'], 'Mark for comparison; with two marked, show the word diff'],
  [['n'], 'Next prompt (claims it for you)'],
  [['?'], 'Show these shortcuts'],
];

export function ShortcutsDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (o: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Keyboard shortcuts" description="Every action works from the keyboard. Changes save at once and can be reset.">
      <dl className="divide-y divide-zinc-100 text-sm" data-testid="shortcuts">
        {SHORTCUTS.map(([keys, label]) => (
          <div key={label} className="flex items-center justify-between gap-4 py-1.5">
            <dt className="text-zinc-700">{label}</dt>
            <dd className="flex shrink-0 gap-1">
              {keys.map((k) => (k === '…' ? <span key={k} className="text-zinc-400">…</span> : <Kbd key={k}>{k}</Kbd>))}
            </dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
