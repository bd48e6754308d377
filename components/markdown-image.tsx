'use client';
import { useState } from 'react';
import { ImageIcon } from './ui/icons';

/**
 * An image from untrusted text is never fetched on its own (it could track the curator or be
 * anything): show where it is from, load it only when asked.
 */
export function MarkdownImage({ src, host, alt }: { src: string; host: string; alt: string }) {
  const [shown, setShown] = useState(false);
  if (shown) {
    return (
      // eslint-disable-next-line @next/next/no-img-element -- arbitrary remote image, shown on request only
      <img src={src} alt={alt} referrerPolicy="no-referrer" loading="lazy" className="my-1 inline-block max-h-96 max-w-full rounded border border-zinc-200" />
    );
  }
  return (
    <button
      type="button"
      onClick={() => setShown(true)}
      title={src}
      className="my-0.5 inline-flex max-w-full items-center gap-1.5 rounded-md border border-dashed border-zinc-300 bg-zinc-50 px-2 py-1 align-middle text-xs text-zinc-600 hover:border-zinc-400 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500"
    >
      <ImageIcon className="size-3.5 shrink-0" />
      <span className="truncate">
        Load image from <span className="font-medium text-zinc-800">{host}</span>
        {alt ? <span className="text-zinc-500"> · {alt}</span> : null}
      </span>
    </button>
  );
}
