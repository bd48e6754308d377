import { auth } from '../auth/auth';
import { createUser } from '../auth/create-user';
import type { Role } from '../auth/roles';

export type Visitor = 'anonymous' | Role;
export const VISITORS: Visitor[] = ['anonymous', 'viewer', 'curator', 'admin'];
const PASSWORD = 'correct horse battery staple';

/** Creates one active user per role and returns the Cookie header that signs each of them in. */
export async function signInEveryRole(): Promise<Record<Visitor, string>> {
  const cookies: Record<Visitor, string> = { anonymous: '', viewer: '', curator: '', admin: '' };
  for (const role of ['viewer', 'curator', 'admin'] as const) {
    const email = `${role}@winnow.test`;
    await createUser({ email, role, name: role, password: PASSWORD });
    cookies[role] = await signIn(email, PASSWORD);
  }
  return cookies;
}

export async function signIn(email: string, password: string): Promise<string> {
  const res = await auth().api.signInEmail({ body: { email, password }, asResponse: true });
  if (!res.ok) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}
