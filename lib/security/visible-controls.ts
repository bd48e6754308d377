// Bidi overrides/isolates, zero-width and other invisible format/control characters can make a name
// read differently from what it is ("report‮lmth.jsonl" shows as "reportnosj.html"). Where an
// untrusted short string is shown as an identifier (file names), make them visible instead.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

export function visibleControls(text: string): string {
  return text.replace(INVISIBLE, (c) => `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`);
}
