// The request body from the configured template. Pure. A string that is exactly "{{candidates}}" or
// "{{messages}}" becomes that array; other placeholders are interpolated as text, in one pass.
import type { ChatMessage } from '../types';

export interface BodyValues {
  prompt: string;
  model: string;
  reference: string;
  messages: ChatMessage[];
  candidates?: string[];
  candidate?: string;
}

const SLOT = /\{\{\s*(prompt|model|reference|candidate)\s*\}\}/g;

function fill(v: unknown, values: BodyValues): unknown {
  if (typeof v === 'string') {
    const t = v.trim();
    if (t === '{{candidates}}') return values.candidates ?? [];
    if (t === '{{messages}}') return values.messages;
    return v.replace(SLOT, (whole, name: 'prompt' | 'model' | 'reference' | 'candidate') => values[name] ?? whole);
  }
  if (Array.isArray(v)) return v.map((x) => fill(x, values));
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x, values)]));
  return v;
}

export function buildBody(template: Record<string, unknown>, values: BodyValues): Record<string, unknown> {
  return fill(template, values) as Record<string, unknown>;
}
