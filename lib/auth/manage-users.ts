import 'server-only';
import { prisma } from '../db/client';
import type { Role } from './roles';

export type UserRow = { id: string; email: string; name: string; role: Role; active: boolean; createdAt: string; lastSeenAt: string | null };

export async function listUsers(): Promise<UserRow[]> {
  const users = await prisma.user.findMany({
    orderBy: [{ createdAt: 'asc' }],
    select: { id: true, email: true, name: true, role: true, active: true, createdAt: true, sessions: { select: { updatedAt: true }, orderBy: { updatedAt: 'desc' }, take: 1 } },
  });
  return users.map(({ sessions, createdAt, ...u }) => ({ ...u, createdAt: createdAt.toISOString(), lastSeenAt: sessions[0]?.updatedAt.toISOString() ?? null }));
}

export class LastAdminError extends Error {}

/** Refuses a change that would leave no active admin (nobody could manage users any more). */
async function assertAdminRemains(tx: Parameters<Parameters<typeof prisma.$transaction>[0]>[0], userId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('winnow:admins'))`;
  const others = await tx.user.count({ where: { role: 'admin', active: true, id: { not: userId } } });
  if (others === 0) throw new LastAdminError('Winnow needs at least one active admin: make someone else admin first.');
}

export async function setUserRole(userId: string, role: Role, actorId: string) {
  return prisma.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { role: true, email: true } });
    if (before.role === 'admin' && role !== 'admin') await assertAdminRemains(tx, userId);
    await tx.user.update({ where: { id: userId }, data: { role } });
    await tx.auditLog.create({ data: { actorId, action: 'user.role', before: { email: before.email, role: before.role }, after: { email: before.email, role } } });
  });
}

/** Deactivating also ends the user's sessions at once. */
export async function setUserActive(userId: string, active: boolean, actorId: string) {
  return prisma.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { active: true, email: true, role: true } });
    if (!active && before.role === 'admin') await assertAdminRemains(tx, userId);
    await tx.user.update({ where: { id: userId }, data: { active } });
    if (!active) await tx.session.deleteMany({ where: { userId } });
    await tx.auditLog.create({ data: { actorId, action: active ? 'user.activate' : 'user.deactivate', before: { email: before.email, active: before.active }, after: { email: before.email, active } } });
  });
}

/** A new one-time password for a user; their sessions end. Returned once, never stored readable. */
export async function resetPassword(userId: string, actorId: string) {
  const { generatePassword } = await import('./create-user');
  const { hashPassword } = await import('better-auth/crypto');
  const password = generatePassword();
  const hash = await hashPassword(password);
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
    const updated = await tx.account.updateMany({ where: { userId, providerId: 'credential' }, data: { password: hash } });
    if (updated.count === 0) await tx.account.create({ data: { userId, providerId: 'credential', accountId: userId, password: hash } });
    await tx.session.deleteMany({ where: { userId } });
    await tx.auditLog.create({ data: { actorId, action: 'user.reset-password', after: { email: user.email } } });
  });
  return password;
}
