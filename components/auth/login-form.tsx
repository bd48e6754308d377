'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field, Input } from '@/components/ui/input';

export function LoginForm({ next }: { next: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    const res = await fetch('/api/auth/sign-in/email', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: String(form.get('email') ?? '').trim(), password: form.get('password') }),
    }).catch(() => null);
    setPending(false);
    if (res?.ok) {
      // A full load, not a client transition: every server component must render with the new session.
      window.location.assign(next);
      return;
    }
    if (res?.status === 429) {
      const wait = res.headers.get('x-retry-after');
      setError(`Too many attempts. Try again in ${wait ?? 'a'} ${wait ? 'seconds' : 'minute'}.`);
    } else if (res?.status === 401 || res?.status === 400 || res?.status === 403) {
      setError('Email or password is wrong, or the account is deactivated.');
    } else {
      setError('Could not reach Winnow. Is the server running?');
    }
  }

  return (
    <Card className="p-6">
      <h1 className="mb-1 text-lg font-semibold">Sign in</h1>
      <p className="mb-5 text-sm text-zinc-500">Use the email and password your admin gave you.</p>
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <Field id="email" label="Email">
          <Input id="email" name="email" type="email" autoComplete="username" required autoFocus />
        </Field>
        <Field id="password" label="Password">
          <Input id="password" name="password" type="password" autoComplete="current-password" required />
        </Field>
        {error && (
          <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-700">
            {error}
          </p>
        )}
        <Button type="submit" variant="primary" className="w-full" disabled={pending}>
          {pending ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
      <p className="mt-5 text-xs text-zinc-500">
        Forgot it? An admin can reset it, or on the server: <code className="font-mono">npm run winnow -- users add</code>.
      </p>
    </Card>
  );
}
