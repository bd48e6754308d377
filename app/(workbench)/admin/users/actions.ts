'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { createUser, UserExistsError } from '@/lib/auth/create-user';
import { guardAction } from '@/lib/auth/guard-action';
import { LastAdminError, resetPassword, setUserActive, setUserRole } from '@/lib/auth/manage-users';
import { inviteUserSchema, setActiveSchema, setRoleSchema } from '@/lib/auth/schemas';

const done = () => revalidatePath('/admin/users');

export const inviteUserAction = guardAction('admin', inviteUserSchema, async (input, actor) => {
  try {
    const { user, password } = await createUser(input, { actorId: actor.id });
    done();
    return { ok: true, data: { email: user.email, password: password! } };
  } catch (e) {
    if (e instanceof UserExistsError) return { ok: false, message: e.message, fieldErrors: { email: [e.message] } };
    throw e;
  }
});

export const setRoleAction = guardAction('admin', setRoleSchema, async ({ userId, role }, actor) => {
  try {
    await setUserRole(userId, role, actor.id);
  } catch (e) {
    if (e instanceof LastAdminError) return { ok: false, message: e.message };
    throw e;
  }
  done();
  return { ok: true };
});

export const setActiveAction = guardAction('admin', setActiveSchema, async ({ userId, active }, actor) => {
  try {
    await setUserActive(userId, active, actor.id);
  } catch (e) {
    if (e instanceof LastAdminError) return { ok: false, message: e.message };
    throw e;
  }
  done();
  return { ok: true };
});

export const resetPasswordAction = guardAction('admin', z.object({ userId: z.string().min(1) }), async ({ userId }, actor) => {
  const password = await resetPassword(userId, actor.id);
  done();
  return { ok: true, data: { password } };
});
