// Helpers shared by the gate kinds: the reference text of a prompt and a pass/fail result.
import { z } from 'zod';
import type { EvalCandidate, EvalResult } from '../types';

/** The config field naming which key of an object reference holds the expected answer. */
export const referenceFieldSchema = z
  .string({ error: 'must be a string (a key of the reference object)' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .optional();

/**
 * The expected answer a prompt's reference states: a string as is, a number as text, or the `field`
 * (default `answer`) of an object. Null when there is none.
 */
export function referenceText(reference: unknown, field = 'answer'): string | null {
  if (typeof reference === 'string') return reference;
  if (typeof reference === 'number' || typeof reference === 'boolean') return String(reference);
  if (reference && typeof reference === 'object' && !Array.isArray(reference)) {
    const v = (reference as Record<string, unknown>)[field];
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  }
  return null;
}

export function gateResult(candidate: EvalCandidate, passed: boolean, rationale: string, raw?: unknown): EvalResult {
  return { candidateId: candidate.id, value: passed ? 1 : 0, passed, rationale, ...(raw === undefined ? {} : { raw }) };
}

export function gateError(candidate: EvalCandidate, error: string): EvalResult {
  return { candidateId: candidate.id, value: null, passed: null, error };
}

/** Text for a rationale: at most `max` characters, one line. */
export function clip(s: string, max = 60): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
