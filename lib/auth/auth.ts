import 'server-only';
import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { nextCookies } from 'better-auth/next-js';
import { prismaClient } from '../db/client';
import { authSecret } from './auth-secret';

// better-auth: email + password, sessions in PostgreSQL, password hashing (scrypt), login rate
// limiting shared by all server processes, origin checks on its own endpoints. Chosen over Auth.js,
// whose credentials provider is JWT-only and discouraged, and which is now maintained by the same team.
// Public sign-up is off: admins invite users (lib/auth/create-user.ts), the CLI adds them, and the very
// first admin is created on the /setup page.
function create() {
  const baseURL = process.env.BETTER_AUTH_URL;
  return betterAuth({
    appName: 'Winnow',
    secret: authSecret(),
    baseURL,
    database: prismaAdapter(prismaClient(), { provider: 'postgresql' }),
    // Without BETTER_AUTH_URL, trust the origin the request was addressed to (Host / X-Forwarded-*),
    // so http://127.0.0.1:3000 and http://localhost:3000 both work. Cross-site posts are refused
    // before better-auth sees them (app/api/auth/[...all]/route.ts, lib/auth/guard-route.ts).
    trustedOrigins: async (request?: Request) => {
      if (baseURL || !request) return baseURL ? [new URL(baseURL).origin] : [];
      const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
      const proto = request.headers.get('x-forwarded-proto') ?? new URL(request.url).protocol.replace(':', '');
      return host ? [`${proto}://${host}`] : [];
    },
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10, maxPasswordLength: 256 },
    user: {
      additionalFields: {
        role: { type: 'string', required: false, defaultValue: 'viewer', input: false },
        active: { type: 'boolean', required: false, defaultValue: true, input: false },
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: process.env.WINNOW_AUTH_RATE_LIMIT !== '0',
      storage: 'database',
      window: 60,
      max: 120,
      customRules: { '/sign-in/email': { window: 60, max: 5 } },
    },
    advanced: {
      // Secure cookies whenever Winnow is served over TLS (set BETTER_AUTH_URL=https://…).
      useSecureCookies: baseURL?.startsWith('https://') ?? false,
      cookiePrefix: 'winnow',
      ipAddress: { ipAddressHeaders: ['x-forwarded-for', 'x-real-ip'] },
    },
    databaseHooks: {
      session: {
        create: {
          // A deactivated user cannot start a session.
          before: async (session) => {
            const user = await prismaClient().user.findUnique({ where: { id: session.userId }, select: { active: true } });
            return user?.active ? undefined : false;
          },
        },
      },
    },
    telemetry: { enabled: false },
    // Its only warning here is that BETTER_AUTH_URL is unset, which is deliberate (see trustedOrigins).
    logger: { level: 'error' },
    plugins: [nextCookies()],
  });
}

type Auth = ReturnType<typeof create>;
const globalForAuth = globalThis as unknown as { winnowAuth?: Auth };

export function auth(): Auth {
  globalForAuth.winnowAuth ??= create();
  return globalForAuth.winnowAuth;
}
