import { checkDatabase } from '@/lib/health/check-database';

export const dynamic = 'force-dynamic';

/** Liveness + database reachability, for load balancers and the test harness. Public. */
export async function GET() {
  await checkDatabase();
  return Response.json({ ok: true });
}
