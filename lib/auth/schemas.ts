import { z } from 'zod';
import { ROLES } from './roles';

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address.'));
export const passwordSchema = z.string().min(10, 'Use at least 10 characters.').max(256, 'Use at most 256 characters.');
export const roleSchema = z.enum(ROLES, { error: 'Role must be admin, curator or viewer.' });

export const inviteUserSchema = z.object({
  email: emailSchema,
  name: z.string().trim().max(120).default(''),
  role: roleSchema,
});

export const firstAdminSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, 'Tell us your name.').max(120),
  password: passwordSchema,
});

export const setRoleSchema = z.object({ userId: z.string().min(1), role: roleSchema });
export const setActiveSchema = z.object({ userId: z.string().min(1), active: z.boolean() });
