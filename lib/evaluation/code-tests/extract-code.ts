// The code in a chat-style answer: its first fenced block in the right language (or untagged),
// else the whole text. A fence cut off by max_tokens runs to the end of the text.
import type { SandboxLanguage } from '@/lib/sandbox/types';

const TAGS: Record<SandboxLanguage, readonly string[]> = {
  python: ['python', 'py', 'python3'],
  javascript: ['js', 'javascript', 'node', 'nodejs'],
};

// An opening fence (``` or ~~~, 3 or more) with its info string, then the body up to a closing
// fence of the same kind and at least the same length, or the end of the text.
const FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*([^\n`]*)\n([\s\S]*?)(?:^ {0,3}\1[`~]*[ \t]*$|(?![\s\S]))/gm;

export function extractCode(text: string, language: SandboxLanguage): { code: string; fenced: boolean } {
  for (const m of text.matchAll(FENCE)) {
    const tag = m[2].trim().split(/\s+/)[0].toLowerCase();
    if (tag === '' || TAGS[language].includes(tag)) return { code: m[3].replace(/\n$/, ''), fenced: true };
  }
  return { code: text, fenced: false };
}
