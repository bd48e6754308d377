// The conversation a trainer sees: the run's system prompt (if the generator used one and the prompt
// has none), the prompt's turns, then the answer. And the rules every exported conversation obeys.
import type { ChatMessage, ExportCandidate, ExportContext } from './types';

/** The prompt's messages as the generator saw them: the run's system prompt first, if it had one. */
export function promptTurns(messages: readonly ChatMessage[], candidate: ExportCandidate, ctx: ExportContext): ChatMessage[] {
  const system = ctx.runs.get(candidate.runId)?.params?.system;
  if (typeof system === 'string' && system.trim() && messages[0]?.role !== 'system') return [{ role: 'system', content: system }, ...messages];
  return [...messages];
}

/**
 * Why a conversation cannot be exported, or null when it is fine: an optional system message first,
 * then user and assistant strictly alternating from a user turn, no empty content, and — when
 * `endsWith` is given — that role last.
 */
export function conversationProblem(messages: readonly ChatMessage[], endsWith?: 'user' | 'assistant'): string | null {
  const turns = messages[0]?.role === 'system' ? messages.slice(1) : messages;
  if (messages.some((m) => typeof m.content !== 'string' || !m.content.trim())) return 'empty-content';
  if (!turns.length) return 'no-turns';
  for (let i = 0; i < turns.length; i++) {
    if (turns[i].role !== (i % 2 === 0 ? 'user' : 'assistant')) return 'roles-do-not-alternate';
  }
  if (endsWith && turns.at(-1)!.role !== endsWith) return endsWith === 'user' ? 'prompt-ends-with-assistant' : 'last-not-assistant';
  return null;
}

/** A prompt of one user turn (optionally after a system message): what alpaca can hold. */
export function isSingleTurn(messages: readonly ChatMessage[]): boolean {
  const turns = messages[0]?.role === 'system' ? messages.slice(1) : messages;
  return turns.length === 1 && turns[0].role === 'user';
}
