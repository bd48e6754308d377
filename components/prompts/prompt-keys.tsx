'use client';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/** Keys on the prompt page: `[` previous prompt, `]` next prompt, `u` back to the list. */
export function PromptKeys({ prevHref, nextHref, listHref }: { prevHref: string | null; nextHref: string | null; listHref: string }) {
  const router = useRouter();
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey) return;
      if ((e.target as HTMLElement | null)?.closest('input, textarea, select, [contenteditable="true"], [role="dialog"]')) return;
      const href = e.key === '[' ? prevHref : e.key === ']' ? nextHref : e.key === 'u' ? listHref : null;
      if (href) {
        e.preventDefault();
        router.push(href);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [router, prevHref, nextHref, listHref]);
  return null;
}
