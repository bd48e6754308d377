// LLM-judge answers: `{"rating": k, "rationale": …}` in JSON mode (or whatever a JSON schema asks
// for, filled loosely), MT-bench style "Rating: [[k]]" otherwise. When the judge prompt shows a
// reference answer and a candidate "A: n", the rating follows whether they match, so judge-based
// evaluators can be tested for sense, not just shape.
import { allText } from './messages';
import type { Responder, ResponderContext } from './responder';
import { intBetween, pick, type Rng } from './rng';

const JUDGE_PATTERN = /\bon a scale\b|\brating\b|\[\[|\brate (?:the|this)\b|\bscore (?:the|this)\b|\bas (?:a|an) (?:impartial )?judge\b/i;

export function wantsJson(responseFormat: unknown): boolean {
  const t = (responseFormat as { type?: unknown } | null | undefined)?.type;
  return t === 'json_object' || t === 'json_schema';
}

export function looksLikeJudgeRequest(ctx: Pick<ResponderContext, 'messages' | 'responseFormat'>): boolean {
  if (wantsJson(ctx.responseFormat)) return true;
  return ctx.messages.some((m) => (m.role === 'system' || m.role === 'user') && JUDGE_PATTERN.test(m.content));
}

/** "scale of 1 to 5", "from 0 to 10", "between 1 and 10", default 1…10. */
export function ratingScale(text: string): [number, number] {
  const m = /(?:scale(?: of)?|from|between)\s*(\d+)\s*(?:-|–|to|and)\s*(\d+)/i.exec(text);
  if (m && Number(m[2]) > Number(m[1])) return [Number(m[1]), Number(m[2])];
  return [1, 10];
}

/** 0…1: high when a shown candidate answer matches the shown reference, low when it does not. */
function quality(text: string, rng: Rng): number {
  const ref =
    /reference(?:\s+answer)?\s*[:：]\s*(-?[\d,]*\.?\d+)/i.exec(text)?.[1] ??
    // MT-bench's judge prompts put the reference in a block of its own.
    /\[The Start of Reference Answer\]\s*(-?[\d,]*\.?\d+)\s*\[The End of Reference Answer\]/i.exec(text)?.[1];
  const cands = [...text.matchAll(/\bA:\s*(-?[\d,]*\.?\d+)/g)];
  const cand = cands[cands.length - 1]?.[1];
  if (ref !== undefined && cand !== undefined) {
    const same = Number(ref.replace(/,/g, '')) === Number(cand.replace(/,/g, ''));
    return same ? 0.75 + 0.25 * rng() : 0.35 * rng();
  }
  return rng();
}

const GOOD = ['The response is correct and clearly reasoned.', 'The answer is accurate, complete and well organised.', 'A helpful, correct response with sound reasoning.'];
const MIDDLING = ['The response is partly helpful but misses some details.', 'Reasonable attempt; the reasoning has gaps.'];
const BAD = ['The final answer is wrong.', 'The response contains a mistake in its reasoning.', 'The answer does not address the question correctly.'];

function rationale(q: number, rng: Rng): string {
  return pick(rng, q >= 0.7 ? GOOD : q >= 0.4 ? MIDDLING : BAD);
}

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
}

function scaled(q: number, lo: number, hi: number): number {
  return lo + Math.round(q * (hi - lo));
}

/** Fills every property of the schema with a plausible value (loosely: no nesting beyond objects). */
function fillSchema(schema: JsonSchema, q: number, scale: [number, number], why: string, rng: Rng): unknown {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (schema.enum?.length) return pick(rng, schema.enum);
  if (type === 'object' || schema.properties) {
    const out: Record<string, unknown> = {};
    for (const [name, prop] of Object.entries(schema.properties ?? {})) {
      const propType = Array.isArray(prop.type) ? prop.type.find((t) => t !== 'null') : prop.type;
      const isScore = /rat|score|grade|point/i.test(name);
      if ((propType === 'integer' || propType === 'number') && isScore) out[name] = scaled(q, prop.minimum ?? scale[0], prop.maximum ?? scale[1]);
      else if (propType === 'integer' || propType === 'number') out[name] = intBetween(rng, prop.minimum ?? 0, prop.maximum ?? 10);
      else if (propType === 'string' && !prop.enum) out[name] = isScore ? String(scaled(q, scale[0], scale[1])) : why;
      else if (propType === 'boolean') out[name] = q >= 0.5;
      else out[name] = fillSchema(prop, q, scale, why, rng);
    }
    return out;
  }
  if (type === 'array') return [];
  if (type === 'string') return why;
  if (type === 'integer' || type === 'number') return scaled(q, scale[0], scale[1]);
  if (type === 'boolean') return q >= 0.5;
  return null;
}

export const judgeResponder: Responder = (ctx) => {
  const text = allText(ctx.messages);
  const scale = ratingScale(text);
  const q = quality(text, ctx.rng);
  const why = rationale(q, ctx.rng);
  const k = scaled(q, scale[0], scale[1]);
  const rf = ctx.responseFormat as { type?: string; json_schema?: { schema?: JsonSchema } } | undefined;
  if (rf?.type === 'json_schema' && rf.json_schema?.schema) return JSON.stringify(fillSchema(rf.json_schema.schema, q, scale, why, ctx.rng));
  if (wantsJson(rf)) return JSON.stringify({ rating: k, rationale: why });
  return `${why} Rating: [[${k}]]`;
};
