import 'server-only';
import { headers } from 'next/headers';
import { cache } from 'react';
import { auth } from './auth';
import { isRole, type Role } from './roles';

export type SessionUser = { id: string; email: string; name: string; role: Role };

/** The signed-in, active user of this request, or null. Read once per request. */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth().api.getSession({ headers: await headers() });
  if (!session) return null;
  const { id, email, name, role, active } = session.user as typeof session.user & { role?: string; active?: boolean };
  if (active === false || !isRole(role)) return null;
  return { id, email, name, role };
});
