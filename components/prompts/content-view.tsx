'use client';
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { RawText } from '../raw-text';
import { cn } from '../ui/cn';
import { Segmented, useViewMode, type ViewMode } from './view-mode';

const CLAMP_PX = 460;

/**
 * A candidate's text: rendered Markdown or the raw string (page-wide choice, per-card override),
 * long answers folded until expanded. `meta` sits in the bar above the text.
 */
export function ContentView({ rendered, raw, label, meta }: { rendered: ReactNode; raw: string; label: string; meta?: ReactNode }) {
  const global = useViewMode();
  // A card's own choice holds until the page-wide mode changes.
  const [local, setLocal] = useState<{ mode: ViewMode; base: ViewMode } | null>(null);
  const mode = local && local.base === global ? local.mode : global;
  const [expanded, setExpanded] = useState(false);
  const [tall, setTall] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    if (box.current) setTall(box.current.scrollHeight > CLAMP_PX + 40);
  }, [mode]);

  return (
    <>
      <div className="flex items-center justify-between gap-3 border-b border-zinc-100 px-4 py-1.5">
        <div className="min-w-0">{meta}</div>
        <Segmented size="xs" value={mode} onChange={(m) => setLocal({ mode: m, base: global })} label={`${label}: show as`} />
      </div>
      <div className="px-4 py-3">
        <div ref={box} className={cn('relative', !expanded && 'overflow-hidden')} style={expanded ? undefined : { maxHeight: CLAMP_PX + 40 }}>
          {mode === 'rendered' ? rendered : <RawText text={raw} />}
          {tall && !expanded && <div aria-hidden className="pointer-events-none absolute inset-x-0 bottom-0 h-16 bg-gradient-to-t from-white to-transparent" />}
        </div>
        {tall && (
          <button
            type="button"
            onClick={() => setExpanded((e) => !e)}
            aria-expanded={expanded}
            className="mt-1 text-xs font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500"
          >
            {expanded ? 'Show less' : 'Show all'}
          </button>
        )}
      </div>
    </>
  );
}
