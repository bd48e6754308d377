// Equivalence of two final answers, on their canonical forms (see normalize-answer.ts).
import { normalizeAnswer, type AnswerGroup, type NormalizedAnswer } from './normalize-answer';

const RELATIVE_TOLERANCE = 1e-6;

/** Whether two raw answers (`18`, `\$18.00`, `\dfrac12`, `(1, 2)`) mean the same. */
export function answersEqual(got: string, expected: string): boolean {
  return normalizedEqual(normalizeAnswer(got), normalizeAnswer(expected));
}

export function normalizedEqual(a: NormalizedAnswer, b: NormalizedAnswer): boolean {
  if (a.text === b.text) return true;
  if (a.group || b.group) return a.group !== null && b.group !== null && groupsEqual(a.group, b.group);
  if (a.equation !== b.equation) return false;
  if (a.value !== null && b.value !== null) return numbersEqual(a.value, b.value, a.literal && b.literal);
  if (a.samples && b.samples) {
    return a.equation ? proportional(a.samples, b.samples) : a.samples.every((v, i) => close(v, b.samples![i]));
  }
  return false;
}

/**
 * Integers and two decimal literals compare exactly (GSM8K: 1000000.5 is not 1000000); a computed
 * value (`\frac{1}{3}`, `\sqrt{2}`) matches a decimal within a relative 1e-6.
 */
export function numbersEqual(a: number, b: number, bothLiteral = false): boolean {
  if (bothLiteral || (Number.isInteger(a) && Number.isInteger(b))) return a === b;
  return close(a, b);
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b)) || Math.abs(a - b) < 1e-12;
}

/** Equations match when lhs − rhs agree up to a non-zero factor: `2x+4y=6` is `x+2y=3`. */
function proportional(a: number[], b: number[]): boolean {
  // Pick the largest |b| as the reference point for the factor.
  let k = 0;
  for (let i = 1; i < b.length; i++) if (Math.abs(b[i]) > Math.abs(b[k])) k = i;
  if (b[k] === 0) return a.every((v) => v === 0);
  const factor = a[k] / b[k];
  if (factor === 0) return false;
  return a.every((v, i) => close(v, factor * b[i]));
}

function groupsEqual(a: AnswerGroup, b: AnswerGroup): boolean {
  if (a.open !== b.open || a.close !== b.close || a.parts.length !== b.parts.length) return false;
  if (a.ordered) return a.parts.every((part, i) => normalizedEqual(part, b.parts[i]));
  // Unordered (sets, solution lists, unions): a one-to-one matching, greedy is enough for answers.
  const used = new Array<boolean>(b.parts.length).fill(false);
  return a.parts.every((part) => {
    const j = b.parts.findIndex((other, k) => !used[k] && normalizedEqual(part, other));
    if (j < 0) return false;
    used[j] = true;
    return true;
  });
}
