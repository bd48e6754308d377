import { toNextJsHandler } from 'better-auth/next-js';
import { auth } from '@/lib/auth/auth';

// better-auth's own endpoints (sign-in, sign-out, session). Public by nature; better-auth checks the
// request origin and rate-limits sign-in. Created lazily so the build never needs a database.
export const dynamic = 'force-dynamic';

export const GET = (request: Request) => toNextJsHandler(auth()).GET(request);
export const POST = (request: Request) => toNextJsHandler(auth()).POST(request);
