import 'server-only';
import type { z } from 'zod';
import type { SessionUser } from './current-user';
import { fieldErrorsOf } from './form-state';
import { AuthError, requireRole } from './require-role';
import type { Role } from './roles';

export type ActionResult<T = undefined> =
  | ({ ok: true } & (T extends undefined ? object : { data: T }))
  | { ok: false; message: string; status?: 401 | 403 | 422; fieldErrors?: Record<string, string[]> };

/**
 * Builds a server action: role check first (nothing is parsed or touched before it), then the input
 * is parsed with its zod schema, then `fn` runs. Expected failures come back as values
 * (`{ ok: false, message, fieldErrors }`); unexpected ones throw to the error boundary.
 * (Next.js checks that server actions come from the same origin.)
 */
export function guardAction<S extends z.ZodType, T = undefined>(
  min: Role,
  schema: S,
  fn: (input: z.infer<S>, user: SessionUser) => Promise<ActionResult<T>>,
) {
  return async (raw: unknown): Promise<ActionResult<T>> => {
    let user: SessionUser;
    try {
      user = await requireRole(min);
    } catch (e) {
      if (e instanceof AuthError) return { ok: false, message: e.message, status: e.status };
      throw e;
    }
    const input = raw instanceof FormData ? Object.fromEntries(raw) : raw;
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      return { ok: false, status: 422, message: 'Some fields need attention.', fieldErrors: fieldErrorsOf(parsed.error) };
    }
    return fn(parsed.data, user);
  };
}
