// Builders and line validators shared by the export tests.
import { expect } from 'vitest';
import type { ChatMessage, ExportCandidate, ExportContext, ExportPrompt } from './types';

let nextId = 1;
export function cand(over: Partial<ExportCandidate> = {}): ExportCandidate {
  const id = over.id ?? nextId++;
  return {
    id,
    runId: 1,
    sampleIndex: 0,
    content: `answer ${id}`,
    model: 'm',
    aggregate: null,
    autoVerdict: 'pending',
    finalStatus: 'pending',
    rank: null,
    duplicateOfId: null,
    scores: {},
    ...over,
  };
}

export function prompt(over: Partial<ExportPrompt> = {}): ExportPrompt {
  return { id: 1, externalId: 'p1', messages: [{ role: 'user', content: 'What is 2+2?' }], reference: '4', metadata: null, candidates: [], ...over };
}

export const ctx = (over: Partial<ExportContext> = {}): ExportContext => ({ gates: [], runs: new Map(), ...over });

/** Asserts a chat conversation obeys every rule of a training example. */
export function expectValidConversation(messages: ChatMessage[], last: 'assistant' | 'user' = 'assistant') {
  expect(Array.isArray(messages) && messages.length > 0).toBe(true);
  const turns = messages[0].role === 'system' ? messages.slice(1) : messages;
  turns.forEach((m, i) => expect(m.role, `turn ${i}`).toBe(i % 2 === 0 ? 'user' : 'assistant'));
  expect(turns.at(-1)!.role).toBe(last);
  for (const m of messages) {
    expect(Object.keys(m).sort()).toEqual(['content', 'role']);
    expect(typeof m.content).toBe('string');
    expect(m.content.trim().length).toBeGreaterThan(0);
  }
}

/** Per format: checks one parsed line against the format's schema; returns the texts it carries. */
export function validateLine(format: string, row: Record<string, unknown>): string[] {
  const assistant = (list: unknown) => {
    expect(Array.isArray(list) && list.length === 1).toBe(true);
    const [m] = list as ChatMessage[];
    expect(m.role).toBe('assistant');
    expect(m.content.trim()).not.toBe('');
    return m.content;
  };
  switch (format) {
    case 'openai-chat':
    case 'trl-sft': {
      expect(Object.keys(row)).toEqual(['messages']);
      const messages = row.messages as ChatMessage[];
      expectValidConversation(messages);
      return messages.map((m) => m.content);
    }
    case 'trl-dpo': {
      expect(Object.keys(row).sort()).toEqual(['chosen', 'prompt', 'rejected']);
      const p = row.prompt as ChatMessage[];
      expectValidConversation(p, 'user');
      return [...p.map((m) => m.content), assistant(row.chosen), assistant(row.rejected)];
    }
    case 'openai-dpo': {
      expect(Object.keys(row).sort()).toEqual(['input', 'non_preferred_output', 'preferred_output']);
      const input = row.input as { messages: ChatMessage[] };
      expect(Object.keys(input)).toEqual(['messages']);
      expectValidConversation(input.messages, 'user');
      return [...input.messages.map((m) => m.content), assistant(row.preferred_output), assistant(row.non_preferred_output)];
    }
    case 'sharegpt': {
      expect(Object.keys(row)).toEqual(['conversations']);
      const conv = row.conversations as { from: string; value: string }[];
      const turns = conv[0].from === 'system' ? conv.slice(1) : conv;
      turns.forEach((m, i) => expect(m.from).toBe(i % 2 === 0 ? 'human' : 'gpt'));
      expect(turns.at(-1)!.from).toBe('gpt');
      for (const m of conv) expect(m.value.trim()).not.toBe('');
      return conv.map((m) => m.value);
    }
    case 'alpaca': {
      expect(Object.keys(row).filter((k) => k !== 'system').sort()).toEqual(['input', 'instruction', 'output']);
      expect(typeof row.instruction === 'string' && (row.instruction as string).trim()).toBeTruthy();
      expect(row.input).toBe('');
      expect(typeof row.output === 'string' && (row.output as string).trim()).toBeTruthy();
      return [row.instruction as string, row.output as string];
    }
    case 'raw': {
      for (const k of ['prompt_id', 'sample_index', 'messages', 'reference', 'content', 'model', 'run', 'scores', 'aggregate', 'auto_verdict', 'decision', 'final_status'])
        expect(row, `raw line has ${k}`).toHaveProperty(k);
      return [row.content as string];
    }
    default:
      throw new Error(`no validator for ${format}`);
  }
}
