import 'server-only';
import type { SessionUser } from './current-user';
import { AuthError, requireRole } from './require-role';
import type { Role } from './roles';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Mutations must come from our own pages: reject a cross-site request (CSRF) by its Origin or
 * Sec-Fetch-Site header. Same-origin browsers always send one of them on POST.
 */
export function isCrossOrigin(request: Request): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const site = request.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return true;
  const origin = request.headers.get('origin');
  if (!origin) return false;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? new URL(request.url).host;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

type Handler<C> = (request: Request, ctx: C & { user: SessionUser }) => Promise<Response>;

/** Wraps a route handler: role check (401/403 JSON) and, for mutations, the same-origin check. */
export function guardRoute<C = unknown>(min: Role, handler: Handler<C>) {
  return async (request: Request, ctx: C): Promise<Response> => {
    if (isCrossOrigin(request)) return Response.json({ ok: false, message: 'Cross-origin request refused.' }, { status: 403 });
    let user: SessionUser;
    try {
      user = await requireRole(min);
    } catch (e) {
      if (e instanceof AuthError) return Response.json({ ok: false, message: e.message }, { status: e.status });
      throw e;
    }
    return handler(request, { ...ctx, user });
  };
}
