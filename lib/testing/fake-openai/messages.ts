// Chat messages as the fake server sees them: content flattened to text (content may be a string or
// an array of parts in the OpenAI API).

export interface TextMessage {
  role: string;
  content: string;
}

export function toTextMessages(raw: unknown): TextMessage[] | null {
  if (!Array.isArray(raw) || raw.length === 0) return null;
  const out: TextMessage[] = [];
  for (const m of raw) {
    if (!m || typeof m !== 'object') return null;
    const { role, content } = m as { role?: unknown; content?: unknown };
    if (typeof role !== 'string') return null;
    out.push({ role, content: contentText(content) });
  }
  return out;
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((p) => (p && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : ''))
      .join('');
  }
  return '';
}

/** The prompt as a dataset would store it: the last user message (falls back to the last message). */
export function promptText(messages: TextMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.role === 'user') return messages[i]!.content;
  return messages[messages.length - 1]?.content ?? '';
}

/** Every message's text, for the prompt_tokens estimate. */
export function allText(messages: TextMessage[]): string {
  return messages.map((m) => m.content).join('');
}
