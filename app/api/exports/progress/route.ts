import { guardRoute } from '@/lib/auth/guard-route';
import { exportRun } from '@/lib/export/progress-registry';
import { exportTokenSchema } from '@/lib/export/schemas';

export const dynamic = 'force-dynamic';

/** GET /api/exports/progress?token= → {state, progress: {prompts, totalPrompts, rows, bytes}, version?, message?} */
export const GET = guardRoute('curator', async (request, { user }) => {
  const token = exportTokenSchema.safeParse(new URL(request.url).searchParams.get('token') ?? '');
  if (!token.success) return Response.json({ message: token.error.issues[0].message }, { status: 400 });
  const run = exportRun(token.data, user.id);
  if (!run) return Response.json({ message: 'no export with this token on this server' }, { status: 404 });
  return Response.json(run, { headers: { 'cache-control': 'no-store' } });
});
