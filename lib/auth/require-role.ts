import 'server-only';
import { currentUser, type SessionUser } from './current-user';
import { roleAtLeast, type Role } from './roles';

export class AuthError extends Error {
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

/**
 * The one guard. Every server action, route handler and page that reads or changes data calls it
 * (directly or through guardAction / guardRoute / requirePageRole). Throws AuthError: 401 when nobody
 * is signed in, 403 when the user's role is below `min`.
 */
export async function requireRole(min: Role): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new AuthError(401, 'Sign in to continue.');
  if (!roleAtLeast(user.role, min)) throw new AuthError(403, `This needs the ${min} role; you are signed in as ${user.role}.`);
  return user;
}
