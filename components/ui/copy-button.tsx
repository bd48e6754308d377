'use client';
import { useState } from 'react';
import { cn } from './cn';
import { CheckIcon } from './icons';

export function CopyButton({ text, label = 'Copy', className }: { text: string; label?: string; className?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      aria-label={copied ? 'Copied' : label}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        } catch {
          /* clipboard blocked (http, permissions): the text is selectable anyway */
        }
      }}
      className={cn(
        'inline-flex h-6 items-center gap-1 rounded px-1.5 text-xs font-medium text-zinc-400 hover:bg-white/10 hover:text-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-400',
        className,
      )}
    >
      {copied ? <CheckIcon className="size-3.5" /> : null}
      {copied ? 'Copied' : label}
    </button>
  );
}
