// The per-version list of exported prompts and a short hash of what each one contributed, kept
// gzip-compressed with the version (exports.prompt_digest), so two versions diff without reading
// their files. Pure.
import { hash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';

/** 16 hex digits of sha256 of the prompt's exported lines. */
export function hashPromptRows(text: string): string {
  return hash('sha256', text, 'hex').slice(0, 16);
}

export class DigestBuilder {
  private parts: string[] = [];
  private size = 0;
  private chunks: string[] = [];

  add(externalId: string, hash: string) {
    // Tabs and newlines in an id would break the line format; ids are escaped with JSON when needed.
    const id = /[\t\n\r\\"]/.test(externalId) ? JSON.stringify(externalId) : externalId;
    const line = `${id}\t${hash}\n`;
    this.parts.push(line);
    this.size += line.length;
    if (this.size > 1 << 20) this.compact();
  }

  finish(): Buffer {
    this.compact();
    return gzipSync(this.chunks.join(''));
  }

  private compact() {
    if (this.parts.length) this.chunks.push(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

export function readDigest(gz: Uint8Array | null): Map<string, string> {
  const out = new Map<string, string>();
  if (!gz) return out;
  for (const line of gunzipSync(gz).toString('utf8').split('\n')) {
    if (!line) continue;
    const tab = line.lastIndexOf('\t');
    const raw = line.slice(0, tab);
    out.set(raw.startsWith('"') ? (JSON.parse(raw) as string) : raw, line.slice(tab + 1));
  }
  return out;
}

export type DigestDiff = { added: string[]; removed: string[]; changed: string[]; unchanged: number };

/** Prompts (by external id) added, removed and changed from version `a` to version `b`. */
export function diffDigests(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): DigestDiff {
  const diff: DigestDiff = { added: [], removed: [], changed: [], unchanged: 0 };
  for (const [id, hash] of b) {
    const before = a.get(id);
    if (before === undefined) diff.added.push(id);
    else if (before !== hash) diff.changed.push(id);
    else diff.unchanged++;
  }
  for (const id of a.keys()) if (!b.has(id)) diff.removed.push(id);
  return diff;
}
