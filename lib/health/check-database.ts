import 'server-only';
import { prisma } from '../db/client';

/** Throws if the database cannot be reached. */
export async function checkDatabase() {
  await prisma.$queryRaw`SELECT 1`;
}
