'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { auth } from '@/lib/auth/auth';
import { createFirstAdmin } from '@/lib/auth/create-first-admin';
import { firstAdminSchema } from '@/lib/auth/schemas';
import { fieldErrorsOf, type FormState } from '@/lib/auth/form-state';

/**
 * The one action open to anonymous callers, and only while no account exists: it creates the first
 * admin (lib/auth/create-first-admin.ts refuses once anyone exists) and signs them in.
 */
export async function createFirstAdminAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = firstAdminSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, message: 'Some fields need attention.', fieldErrors: fieldErrorsOf(parsed.error) };
  const user = await createFirstAdmin(parsed.data);
  if (!user) return { ok: false, message: 'Winnow already has an admin. Sign in instead.' };
  await auth().api.signInEmail({ body: { email: parsed.data.email, password: parsed.data.password }, headers: await headers() });
  redirect('/datasets');
}
