'use client';

import { useActionState, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field, Input } from '@/components/ui/input';

type State = { ok: boolean; message?: string; fieldErrors?: Record<string, string[]> } | null;

export function SetupForm({ action }: { action: (prev: State, form: FormData) => Promise<State> }) {
  const [state, formAction, pending] = useActionState(action, null);
  // Controlled, because React resets a form after its action runs: a rejected submit must not wipe
  // what the person typed.
  const [values, setValues] = useState({ name: '', email: '', password: '' });
  const errorOf = (field: string) => state?.fieldErrors?.[field]?.[0];
  return (
    <Card className="p-6">
      <h1 className="mb-1 text-lg font-semibold">Welcome to Winnow</h1>
      <p className="mb-5 text-sm text-zinc-500">
        Create the admin account. You can invite curators and viewers afterwards.
      </p>
      <form action={formAction} className="space-y-4">
        {(['name', 'email', 'password'] as const).map((field) => (
          <Field
            key={field}
            id={field}
            label={{ name: 'Your name', email: 'Email', password: 'Password' }[field]}
            hint={errorOf(field) ? <span className="text-rose-600">{errorOf(field)}</span> : field === 'password' ? 'At least 10 characters.' : undefined}
          >
            <Input
              id={field}
              name={field}
              type={field === 'password' ? 'password' : field === 'email' ? 'email' : 'text'}
              autoComplete={{ name: 'name', email: 'username', password: 'new-password' }[field]}
              aria-invalid={errorOf(field) ? true : undefined}
              aria-describedby={`${field}-hint`}
              required
              value={values[field]}
              onChange={(e) => setValues((v) => ({ ...v, [field]: e.target.value }))}
              autoFocus={field === 'name'}
            />
          </Field>
        ))}
        {state?.message && !state.ok && (
          <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-700">
            {state.message}
          </p>
        )}
        <Button type="submit" variant="primary" className="w-full" disabled={pending}>
          {pending ? 'Creating…' : 'Create admin and open Winnow'}
        </Button>
      </form>
    </Card>
  );
}
