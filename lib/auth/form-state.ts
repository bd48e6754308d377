import type { z } from 'zod';

/** What a form's server action returns for the form to show (useActionState). */
export type FormState = { ok: boolean; message?: string; fieldErrors?: Record<string, string[]> } | null;

export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) (out[issue.path.join('.') || '_'] ??= []).push(issue.message);
  return out;
}
