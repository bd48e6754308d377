// Progress of a running export as text: a bar for a terminal, a plain line for logs. Pure.
import type { ExportProgress } from './stream-export';

const n = (x: number) => x.toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

export function progressFraction(p: ExportProgress): number {
  return p.totalPrompts > 0 ? Math.min(1, p.prompts / p.totalPrompts) : 0;
}

/** `[██████░░░░░░░░]  42% 105,000/250,000 prompts · 420,000 rows · 250.3 MB` */
export function progressBar(p: ExportProgress, width = 24): string {
  const f = progressFraction(p);
  const full = Math.round(f * width);
  const pct = String(Math.floor(f * 100)).padStart(3);
  return `[${'█'.repeat(full)}${'░'.repeat(width - full)}] ${pct}% ${n(p.prompts)}/${n(p.totalPrompts)} prompts · ${n(p.rows)} rows · ${mb(p.bytes)}`;
}

/** `export: 42% (105,000/250,000 prompts), 420,000 rows, 250.3 MB` */
export function progressLine(p: ExportProgress): string {
  return `export: ${Math.floor(progressFraction(p) * 100)}% (${n(p.prompts)}/${n(p.totalPrompts)} prompts), ${n(p.rows)} rows, ${mb(p.bytes)}`;
}

/** Calls `print` at most every `everyMs` (plus the final 100%), for logs that are not a terminal. */
export function throttledLines(print: (line: string) => void, everyMs = 5000, now = () => Date.now()) {
  let last = now();
  return (p: ExportProgress) => {
    const t = now();
    const done = p.totalPrompts > 0 && p.prompts >= p.totalPrompts;
    if (!done && t - last < everyMs) return;
    last = t;
    print(progressLine(p));
  };
}
