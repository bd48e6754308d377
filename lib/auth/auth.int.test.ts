import { beforeEach, describe, expect, it, vi } from 'vitest';
import { prisma } from '../db/client';
import { resetDatabase } from '../testing/reset-database';
import { signIn, signInEveryRole, VISITORS, type Visitor } from '../testing/auth-fixtures';
import { setRequestHeaders } from '../testing/next-request-mock';
import { auth } from './auth';
import { createFirstAdmin, needsSetup } from './create-first-admin';
import { createUser } from './create-user';
import { LastAdminError, resetPassword, setUserActive, setUserRole } from './manage-users';
import { AuthError, requireRole } from './require-role';

vi.mock('next/headers', () => import('../testing/next-request-mock'));
vi.mock('next/cache', () => import('../testing/next-request-mock'));

process.env.WINNOW_AUTH_RATE_LIMIT = '0';

async function as(cookie: string) {
  setRequestHeaders({ cookie });
}

describe('users, sessions and the role guard', () => {
  let cookies: Record<Visitor, string>;
  beforeEach(async () => {
    await resetDatabase();
    cookies = await signInEveryRole();
  });

  it('requireRole lets each role do what its rank allows, and nobody else', async () => {
    const outcome = async (visitor: Visitor, min: 'viewer' | 'curator' | 'admin') => {
      await as(cookies[visitor]);
      try {
        await requireRole(min);
        return 'ok';
      } catch (e) {
        return (e as AuthError).status;
      }
    };
    const table: Record<Visitor, [unknown, unknown, unknown]> = {
      anonymous: [401, 401, 401],
      viewer: ['ok', 403, 403],
      curator: ['ok', 'ok', 403],
      admin: ['ok', 'ok', 'ok'],
    };
    for (const visitor of VISITORS) {
      expect([await outcome(visitor, 'viewer'), await outcome(visitor, 'curator'), await outcome(visitor, 'admin')], visitor).toEqual(table[visitor]);
    }
  });

  it('a forged or stale cookie is nobody', async () => {
    await as('winnow.session_token=forged.value');
    await expect(requireRole('viewer')).rejects.toMatchObject({ status: 401 });
  });

  it('stores only a password hash', async () => {
    const account = await prisma.account.findFirstOrThrow({ where: { user: { email: 'viewer@winnow.test' } } });
    expect(account.password).toBeTruthy();
    expect(account.password).not.toContain('correct horse');
  });

  it('deactivating ends the sessions at once and refuses new sign-ins', async () => {
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: 'admin@winnow.test' } });
    const curator = await prisma.user.findUniqueOrThrow({ where: { email: 'curator@winnow.test' } });
    await setUserActive(curator.id, false, admin.id);
    await as(cookies.curator);
    await expect(requireRole('viewer')).rejects.toMatchObject({ status: 401 });
    await expect(signIn('curator@winnow.test', 'correct horse battery staple')).rejects.toThrow(/failed/);
    await setUserActive(curator.id, true, admin.id);
    await expect(signIn('curator@winnow.test', 'correct horse battery staple')).resolves.toContain('session_token');
  });

  it('a role change applies to existing sessions', async () => {
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: 'admin@winnow.test' } });
    const viewer = await prisma.user.findUniqueOrThrow({ where: { email: 'viewer@winnow.test' } });
    await setUserRole(viewer.id, 'curator', admin.id);
    await as(cookies.viewer);
    await expect(requireRole('curator')).resolves.toMatchObject({ role: 'curator' });
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: 'user.role' } });
    expect(log).toMatchObject({ actorId: admin.id, before: { role: 'viewer' }, after: { role: 'curator' } });
  });

  it('never leaves Winnow without an active admin', async () => {
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: 'admin@winnow.test' } });
    await expect(setUserRole(admin.id, 'viewer', admin.id)).rejects.toBeInstanceOf(LastAdminError);
    await expect(setUserActive(admin.id, false, admin.id)).rejects.toBeInstanceOf(LastAdminError);
  });

  it('a reset password replaces the old one and ends sessions', async () => {
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: 'admin@winnow.test' } });
    const viewer = await prisma.user.findUniqueOrThrow({ where: { email: 'viewer@winnow.test' } });
    const fresh = await resetPassword(viewer.id, admin.id);
    await as(cookies.viewer);
    await expect(requireRole('viewer')).rejects.toMatchObject({ status: 401 });
    await expect(signIn('viewer@winnow.test', 'correct horse battery staple')).rejects.toThrow();
    await expect(signIn('viewer@winnow.test', fresh)).resolves.toContain('session_token');
  });
});

describe('first run', () => {
  beforeEach(() => resetDatabase());

  it('creates exactly one first admin even when two set-ups race', async () => {
    expect(await needsSetup()).toBe(true);
    const [a, b] = await Promise.all([
      createFirstAdmin({ email: 'a@winnow.test', name: 'A', password: 'aaaaaaaaaaaa' }),
      createFirstAdmin({ email: 'b@winnow.test', name: 'B', password: 'bbbbbbbbbbbb' }),
    ]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect(await prisma.user.count()).toBe(1);
    expect(await needsSetup()).toBe(false);
    expect(await createFirstAdmin({ email: 'c@winnow.test', name: 'C', password: 'cccccccccccc' })).toBeNull();
  });

  it('public sign-up is closed', async () => {
    await createUser({ email: 'a@winnow.test', role: 'admin', password: 'aaaaaaaaaaaa' });
    const res = await auth().api.signUpEmail({ body: { email: 'x@winnow.test', password: 'xxxxxxxxxxxx', name: 'x' }, asResponse: true });
    expect(res.ok).toBe(false);
    expect(await prisma.user.count()).toBe(1);
  });
});
