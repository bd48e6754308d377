import 'server-only';
import { randomBytes } from 'node:crypto';
import { hashPassword } from 'better-auth/crypto';
import { prisma, Prisma } from '../db/client';
import type { Role } from './roles';

export class UserExistsError extends Error {}

/** A readable one-time password: 4 groups of 5 from an unambiguous alphabet (~100 bits). */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

/**
 * Creates a user who signs in with email + password (better-auth's "credential" account, password
 * hashed with its scrypt). Without a password, one is generated and returned once: show it to the
 * admin, it is not stored anywhere readable.
 */
export async function createUser(
  input: { email: string; name?: string; role: Role; password?: string },
  opts: { actorId?: string; tx?: Prisma.TransactionClient } = {},
) {
  const password = input.password ?? generatePassword();
  const hash = await hashPassword(password);
  const write = async (db: Prisma.TransactionClient) => {
    const user = await db.user.create({
      data: { email: input.email, name: input.name ?? '', role: input.role, emailVerified: true },
      select: { id: true, email: true, name: true, role: true },
    });
    // better-auth finds the password on the "credential" account whose accountId is the user's id.
    await db.account.create({ data: { userId: user.id, providerId: 'credential', accountId: user.id, password: hash } });
    await db.auditLog.create({ data: { actorId: opts.actorId ?? null, action: 'user.create', after: { email: user.email, role: user.role } } });
    return user;
  };
  try {
    const user = await (opts.tx ? write(opts.tx) : prisma.$transaction(write));
    return { user, password: input.password ? null : password };
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') throw new UserExistsError(`A user with email ${input.email} already exists.`);
    throw e;
  }
}
