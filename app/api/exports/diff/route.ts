import { guardRoute } from '@/lib/auth/guard-route';
import { diffExports } from '@/lib/export/list-exports';
import { exportDiffSchema } from '@/lib/export/schemas';

export const dynamic = 'force-dynamic';

/** GET /api/exports/diff?a=&b= → examples added / removed / changed (by prompt id) from version a to b. */
export const GET = guardRoute('viewer', async (request) => {
  const q = new URL(request.url).searchParams;
  const parsed = exportDiffSchema.safeParse({ a: q.get('a'), b: q.get('b') });
  if (!parsed.success) return Response.json({ message: parsed.error.issues[0].message }, { status: 400 });
  const diff = await diffExports(parsed.data.a, parsed.data.b);
  if (!diff) return Response.json({ message: 'no such export version' }, { status: 404 });
  return Response.json(diff);
});
