import { hash } from 'node:crypto';

// Matches what `\s+ -> ' '` would change: a run of 2+ whitespace characters, or one whitespace
// character that is not a plain space. Leaving single spaces alone makes normalising ~3x cheaper
// on ordinary text, and the import hashes every candidate (1M in a big import).
const UNUSUAL_WHITESPACE = /\s{2,}|[^\S ]/g;

/**
 * The form of a candidate's text that exact-duplicate detection compares: trimmed, every run of
 * whitespace collapsed to one space. Two samples that differ only in line wrapping or trailing
 * newlines are the same answer for training purposes.
 */
export function normalizeContent(content: string): string {
  return content.trim().replace(UNUSUAL_WHITESPACE, ' ');
}

/** sha256 (hex) of the normalised content: Candidate.contentHash, shared by import, generation and dedupe. */
export function hashContent(content: string): string {
  return hash('sha256', normalizeContent(content), 'hex');
}
