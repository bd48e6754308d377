import { toNextJsHandler } from 'better-auth/next-js';
import { auth } from '@/lib/auth/auth';
import { isCrossOrigin } from '@/lib/auth/guard-route';

// better-auth's own endpoints (sign-in, sign-out, session). Public by nature; better-auth
// rate-limits sign-in, and posts from another site are refused here (no login CSRF). Created
// lazily so the build never needs a database.
export const dynamic = 'force-dynamic';

export const GET = (request: Request) => toNextJsHandler(auth()).GET(request);
export const POST = (request: Request) => {
  if (isCrossOrigin(request)) return Promise.resolve(Response.json({ ok: false, message: 'Cross-origin request refused.' }, { status: 403 }));
  return toNextJsHandler(auth()).POST(request);
};
