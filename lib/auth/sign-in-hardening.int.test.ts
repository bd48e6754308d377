import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetDatabase } from '../testing/reset-database';
import { auth } from './auth';
import { createUser } from './create-user';

vi.mock('next/headers', () => import('../testing/next-request-mock'));

const PASSWORD = 'a-good-long-password';

function signInRequest(password: string, ip: string, origin = 'http://localhost:3000', host?: string) {
  return new Request('http://localhost:3000/api/auth/sign-in/email', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, 'x-forwarded-for': ip, ...(host ? { host } : {}) },
    body: JSON.stringify({ email: 'user@winnow.test', password }),
  });
}

describe('sign-in over HTTP (better-auth handler, as the app serves it)', () => {
  beforeEach(async () => {
    delete process.env.WINNOW_AUTH_RATE_LIMIT;
    await resetDatabase();
    await createUser({ email: 'user@winnow.test', role: 'viewer', password: PASSWORD });
  });

  it('sets an HttpOnly, SameSite session cookie', async () => {
    const res = await auth().handler(signInRequest(PASSWORD, '10.1.1.1'));
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.includes('session_token'))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('rate-limits guessing: the 6th attempt within a minute from one address gets 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await auth().handler(signInRequest(`wrong-${i}-password`, '10.2.2.2'))).status);
    expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
    expect(statuses[5]).toBe(429);
    // Even the right password is refused while limited; another address is not affected.
    expect((await auth().handler(signInRequest(PASSWORD, '10.2.2.2'))).status).toBe(429);
    expect((await auth().handler(signInRequest(PASSWORD, '10.3.3.3'))).status).toBe(200);
  });

  it('refuses a sign-in posted from another site (the route Winnow serves)', async () => {
    const { POST } = await import('../../app/api/auth/[...all]/route');
    expect((await POST(signInRequest(PASSWORD, '10.4.4.4', 'https://evil.example'))).status).toBe(403);
    expect((await POST(signInRequest(PASSWORD, '10.4.4.4'))).status).toBe(200);
    // Served as 127.0.0.1 while the server thinks of itself as localhost: the browser's origin is
    // the address it used, and that is this site.
    expect((await POST(signInRequest(PASSWORD, '10.5.5.5', 'http://127.0.0.1:3100', '127.0.0.1:3100'))).status).toBe(200);
  });
});
