// The test a code prompt carries in `Prompt.reference`: HumanEval's field names (`test`,
// `entry_point`, optionally the code `prompt`); MBPP sanitized in shared/data has the same shape.
// `tests` is accepted as an alias for `test` (the schema comment's spelling).

export interface CodeTestsReference {
  /** Defines check(candidate). */
  test: string;
  /** Name of the function under test. */
  entryPoint: string;
  /** The code prompt (signature and docstring) that a humaneval-mode completion continues. */
  prompt?: string;
}

export class CodeTestsReferenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CodeTestsReferenceError';
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function parseCodeTestsReference(reference: unknown): CodeTestsReference {
  let value = reference;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw new CodeTestsReferenceError('the reference is text, not an object with test and entry_point');
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new CodeTestsReferenceError('the reference must be an object with test and entry_point');
  }
  const r = value as Record<string, unknown>;
  const test = typeof r.test === 'string' ? r.test : r.tests;
  // Trimmed: two MBPP sanitized records carry a trailing space ("get_max_sum ").
  const rawEntry = r.entry_point ?? r.entryPoint;
  const entryPoint = typeof rawEntry === 'string' ? rawEntry.trim() : rawEntry;
  if (typeof test !== 'string' || !test.trim()) throw new CodeTestsReferenceError('the reference has no test');
  if (typeof entryPoint !== 'string' || !IDENTIFIER.test(entryPoint)) {
    throw new CodeTestsReferenceError('the reference has no entry_point (a function name)');
  }
  return { test, entryPoint, ...(typeof r.prompt === 'string' ? { prompt: r.prompt } : {}) };
}
