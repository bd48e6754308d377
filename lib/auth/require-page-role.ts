import 'server-only';
import { redirect } from 'next/navigation';
import { needsSetup } from './create-first-admin';
import { currentUser, type SessionUser } from './current-user';
import { roleAtLeast, type Role } from './roles';

/**
 * For pages: the signed-in user with at least `min`, else a redirect — to /setup while no account
 * exists, to /login when signed out, to /forbidden when the role is too low.
 */
export async function requirePageRole(min: Role = 'viewer', next?: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) {
    if (await needsSetup()) redirect('/setup');
    redirect(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
  }
  if (!roleAtLeast(user.role, min)) redirect(`/forbidden?need=${min}`);
  return user;
}
