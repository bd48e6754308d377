'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { guardAction } from '@/lib/auth/guard-action';
import { createEndpoint, deleteEndpoint, EndpointExistsError, listEndpoints } from '@/lib/endpoints/manage-endpoints';
import { endpointInputSchema } from '@/lib/endpoints/schemas';
import { testConnection, type ConnectionReport } from '@/lib/endpoints/test-connection';

const idSchema = z.object({ id: z.coerce.number().int().positive() });

export const createEndpointAction = guardAction('admin', endpointInputSchema, async (input, actor) => {
  try {
    await createEndpoint(input, actor.id);
  } catch (e) {
    if (e instanceof EndpointExistsError) return { ok: false, message: e.message, fieldErrors: { name: [e.message] } };
    throw e;
  }
  revalidatePath('/endpoints');
  return { ok: true };
});

export const deleteEndpointAction = guardAction('admin', idSchema, async ({ id }, actor) => {
  await deleteEndpoint(id, actor.id);
  revalidatePath('/endpoints');
  return { ok: true };
});

export const testEndpointAction = guardAction<typeof idSchema, ConnectionReport>('curator', idSchema, async ({ id }) => {
  const endpoint = (await listEndpoints()).find((e) => e.id === id);
  if (!endpoint) return { ok: false, message: 'That endpoint no longer exists.' };
  const report = await testConnection(endpoint);
  revalidatePath('/endpoints');
  return { ok: true, data: report };
});
