'use client';
import { useEffect, useSyncExternalStore } from 'react';
import { cn } from '../ui/cn';
import { Kbd } from '../ui/kbd';

// How candidate texts are shown, for every card at once: rendered Markdown or the raw string.
// Remembered in localStorage; each card can still flip on its own.
export type ViewMode = 'rendered' | 'raw';
const KEY = 'winnow:content-view';
const listeners = new Set<() => void>();

function read(): ViewMode {
  try {
    return localStorage.getItem(KEY) === 'raw' ? 'raw' : 'rendered';
  } catch {
    return 'rendered';
  }
}

export function setViewMode(mode: ViewMode) {
  try {
    localStorage.setItem(KEY, mode);
  } catch {
    /* private mode: still switch for this page */
  }
  listeners.forEach((l) => l());
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useViewMode(): ViewMode {
  return useSyncExternalStore(subscribe, read, () => 'rendered');
}

export function Segmented({ value, onChange, label, size = 'sm' }: { value: ViewMode; onChange: (m: ViewMode) => void; label: string; size?: 'sm' | 'xs' }) {
  return (
    <div role="group" aria-label={label} className="inline-flex rounded-md bg-zinc-100 p-0.5">
      {(['rendered', 'raw'] as const).map((m) => (
        <button
          key={m}
          type="button"
          aria-pressed={value === m}
          onClick={() => onChange(m)}
          className={cn(
            'rounded font-medium capitalize focus-visible:outline-2 focus-visible:outline-indigo-500',
            size === 'sm' ? 'px-2 py-0.5 text-xs' : 'px-1.5 py-px text-[11px]',
            value === m ? 'bg-white text-zinc-900 shadow-xs' : 'text-zinc-500 hover:text-zinc-800',
          )}
        >
          {m}
        </button>
      ))}
    </div>
  );
}

/** Switch for all candidate cards; `r` toggles it. */
export function ViewModeSwitch() {
  const mode = useViewMode();
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key !== 'r' || e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey) return;
      if ((e.target as HTMLElement | null)?.closest('input, textarea, select, [contenteditable="true"], [role="dialog"]')) return;
      setViewMode(read() === 'raw' ? 'rendered' : 'raw');
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="flex items-center gap-2 text-xs text-zinc-500">
      <span>Show answers</span>
      <Segmented value={mode} onChange={setViewMode} label="Show all answers as" />
      <Kbd>r</Kbd>
    </div>
  );
}
