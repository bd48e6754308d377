// Pure helpers that turn stored prompt JSON into what the UI shows. Everything here handles
// untrusted, imported data: never assume a shape, never throw.

export type ChatRole = 'system' | 'developer' | 'user' | 'assistant' | 'tool' | (string & {});
export type ChatMessage = { role: ChatRole; content: string };

function contentToText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (content == null) return '';
  // OpenAI-style content parts: [{type:'text', text}, {type:'image_url', image_url:{url}}]
  if (Array.isArray(content)) {
    return content
      .map((part) => {
        if (typeof part === 'string') return part;
        if (part && typeof part === 'object') {
          const p = part as Record<string, unknown>;
          if (typeof p.text === 'string') return p.text;
          const img = p.image_url as { url?: unknown } | string | undefined;
          const url = typeof img === 'string' ? img : typeof img?.url === 'string' ? img.url : null;
          if (url) return url.startsWith('data:') ? '[inline image]' : `![image](${url})`;
        }
        return JSON.stringify(part);
      })
      .join('\n\n');
  }
  return JSON.stringify(content, null, 2);
}

/** Chat messages from the stored `messages` JSON (or a bare string), tolerating odd shapes. */
export function normalizeMessages(raw: unknown): ChatMessage[] {
  if (typeof raw === 'string') return [{ role: 'user', content: raw }];
  if (!Array.isArray(raw)) return raw == null ? [] : [{ role: 'user', content: contentToText(raw) }];
  return raw.map((m) => {
    if (typeof m === 'string') return { role: 'user', content: m };
    if (m && typeof m === 'object') {
      const o = m as Record<string, unknown>;
      const role = typeof o.role === 'string' && o.role ? o.role : 'user';
      return { role, content: contentToText(o.content) };
    }
    return { role: 'user', content: contentToText(m) };
  });
}

// C0/C1 controls (except tab/newline), bidi overrides/isolates and zero-width characters.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** One line of plain text, at most `max` characters (an ellipsis marks a cut), safe to show anywhere. */
export function toPlainExcerpt(text: string | null | undefined, max = 160): string {
  if (!text) return '';
  const flat = text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  if (chars.length <= max) return flat;
  return `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

export type PromptRowStatus = 'no-candidates' | 'reviewed' | 'accepted' | 'pending' | 'rejected';

/** The one chip a prompt row shows: review beats machine verdicts; pending beats rejected. */
export function derivePromptStatus(row: {
  candidateCount: number;
  acceptedCount: number;
  pendingCount: number;
  reviewed: boolean;
}): PromptRowStatus {
  if (row.reviewed) return 'reviewed';
  if (row.candidateCount === 0) return 'no-candidates';
  if (row.acceptedCount > 0) return 'accepted';
  if (row.pendingCount > 0) return 'pending';
  return 'rejected';
}
