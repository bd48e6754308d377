// The messages sent to the judge: MT-bench's single-grade or pairwise prompt (the "math" variant
// when a reference answer is shown), adapted to the configured scale and rubric, or the user's own
// template. Pure. Placeholders are filled in one pass, so a candidate that contains "{answer}"
// cannot inject text into another slot.
import type { ChatMessage, EvalPrompt } from '../types';
import type { LlmJudgeConfig } from './config';
import { MT_BENCH_PROMPTS } from './judge-prompts';

export interface JudgeMessages {
  messages: ChatMessage[];
  /** Which MT-bench prompt was used ("custom" for a template override). */
  template: string;
  usedReference: boolean;
}

type JudgeOptions = Pick<LlmJudgeConfig, 'scale' | 'rubric' | 'template' | 'useReference' | 'structuredOutput'>;

/** The conversation as the judge sees it: the last user turn alone, or a transcript when there were several turns. */
export function renderQuestion(messages: readonly ChatMessage[]): string {
  const turns = messages.filter((m) => m.role !== 'system');
  if (turns.length <= 1) return (turns[0] ?? messages[messages.length - 1])?.content ?? '';
  return turns.map((m) => `### ${m.role === 'user' ? 'User' : m.role === 'assistant' ? 'Assistant' : m.role}:\n${m.content}`).join('\n\n');
}

/** The reference as text, or null when there is none worth showing. */
export function renderReference(reference: unknown): string | null {
  if (reference === null || reference === undefined) return null;
  if (typeof reference === 'string') return reference.trim() ? reference : null;
  if (typeof reference === 'number' || typeof reference === 'boolean') return String(reference);
  const answer = (reference as { answer?: unknown }).answer;
  if (typeof answer === 'string' && answer.trim()) return answer;
  if (typeof answer === 'number') return String(answer);
  return JSON.stringify(reference);
}

const SLOT = /\{(question|reference|ref_answer_1|scale|answer|answer_a|answer_b)\}/g;

export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(SLOT, (whole, name: string) => values[name] ?? whole);
}

const CRITERIA = /Your evaluation should consider [^.]*\./;

function adapt(text: string, o: JudgeOptions): string {
  let t = text.replace(/on a scale of 1 to 10/g, `on a scale of 1 to ${o.scale}`);
  if (o.rubric) t = t.replace(CRITERIA, `Your evaluation should consider the following rubric: ${o.rubric}`);
  return t;
}

function jsonInstruction(kind: 'single' | 'pairwise', scale: number): string {
  return kind === 'single'
    ? `\n\nReply with a JSON object {"rationale": "<your short explanation>", "score": <integer from 1 to ${scale}>}.`
    : '\n\nReply with a JSON object {"rationale": "<your short explanation>", "winner": "A" | "B" | "tie"}.';
}

export function buildSingleMessages(prompt: Pick<EvalPrompt, 'messages' | 'reference'>, answer: string, o: JudgeOptions): JudgeMessages {
  const reference = o.useReference ? renderReference(prompt.reference) : null;
  const values = { question: renderQuestion(prompt.messages), reference: reference ?? '', ref_answer_1: reference ?? '', scale: String(o.scale), answer };
  const suffix = o.structuredOutput ? jsonInstruction('single', o.scale) : '';
  if (o.template) {
    const system = `You are an impartial judge. Rate the response on a scale of 1 to ${o.scale}.`;
    return { messages: [{ role: 'system', content: system }, { role: 'user', content: fillTemplate(o.template, values) + suffix }], template: 'custom', usedReference: reference !== null && o.template.includes('{reference}') };
  }
  const p = reference !== null ? MT_BENCH_PROMPTS['single-math-v1'] : MT_BENCH_PROMPTS['single-v1'];
  const user = fillTemplate(adapt(p.promptTemplate, o), values) + suffix;
  return { messages: [{ role: 'system', content: p.systemPrompt }, { role: 'user', content: user }], template: p.name, usedReference: reference !== null };
}

export function buildPairwiseMessages(prompt: Pick<EvalPrompt, 'messages' | 'reference'>, answerA: string, answerB: string, o: JudgeOptions): JudgeMessages {
  const reference = o.useReference ? renderReference(prompt.reference) : null;
  const values = { question: renderQuestion(prompt.messages), reference: reference ?? '', ref_answer_1: reference ?? '', scale: String(o.scale), answer_a: answerA, answer_b: answerB };
  const suffix = o.structuredOutput ? jsonInstruction('pairwise', o.scale) : '';
  if (o.template) {
    const system = `${MT_BENCH_PROMPTS['pair-v2'].systemPrompt}${suffix}`;
    return { messages: [{ role: 'system', content: system }, { role: 'user', content: fillTemplate(o.template, values) }], template: 'custom', usedReference: reference !== null && o.template.includes('{reference}') };
  }
  const p = reference !== null ? MT_BENCH_PROMPTS['pair-math-v1'] : MT_BENCH_PROMPTS['pair-v2'];
  const system = adapt(p.systemPrompt, o) + suffix;
  return { messages: [{ role: 'system', content: system }, { role: 'user', content: fillTemplate(p.promptTemplate, values) }], template: p.name, usedReference: reference !== null };
}
