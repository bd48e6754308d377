import 'server-only';
import { prisma } from '../db/client';
import { createUser } from './create-user';

/** True while nobody has an account yet: the app then asks for the first admin. */
export async function needsSetup(): Promise<boolean> {
  return (await prisma.user.count()) === 0;
}

/**
 * Creates the first admin, only while no user exists. An advisory lock makes two simultaneous
 * set-up submissions create one admin, not two.
 */
export async function createFirstAdmin(input: { email: string; name: string; password: string }) {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('winnow:first-admin'))`;
    if ((await tx.user.count()) > 0) return null;
    const { user } = await createUser({ ...input, role: 'admin' }, { tx });
    return user;
  });
}
