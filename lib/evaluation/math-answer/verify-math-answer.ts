// Verifies a candidate solution's final answer against a reference answer or worked solution.
import { answersEqual } from './answers-equal';
import { extractAnswer, extractMarkedAnswer } from './extract-answer';

export interface MathVerdict {
  passed: boolean;
  /** The candidate's final answer as written, or null when none was found. */
  got: string | null;
  /** The reference's final answer as written. */
  expected: string;
  /** Human-readable, e.g. `got 26, expected 18` or `no final answer found`. */
  reason: string;
}

export function verifyMathAnswer(candidate: string, reference: string): MathVerdict {
  const expected = referenceAnswer(reference);
  if (!expected) return { passed: false, got: null, expected, reason: 'the reference has no answer' };
  const found = extractAnswer(candidate);
  if (!found) return { passed: false, got: null, expected, reason: 'no final answer found' };
  const got = found.answer;
  const passed = answersEqual(got, expected);
  // A last number is a guess at what the candidate meant; say so.
  const guessed = found.how === 'last-number' ? ' (no marked answer; took the last number)' : '';
  const reason = passed ? `got ${got}, equal to expected ${expected}${guessed}` : `got ${got}, expected ${expected}${guessed}`;
  return { passed, got, expected, reason };
}

/**
 * The answer a reference states: its `\boxed{}`, `#### n` or last line `A: n` when it is a worked
 * solution, else the whole (trimmed) reference — a bare answer like `p - q` is never cut down.
 */
export function referenceAnswer(reference: string): string {
  return extractMarkedAnswer(reference)?.answer ?? reference.trim();
}
