'use client';

import { useState, useTransition } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { CopyButton } from '@/components/ui/copy-button';
import { Field, Input, Select } from '@/components/ui/input';
import { RelativeTime } from '@/components/ui/relative-time';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';

type Role = 'admin' | 'curator' | 'viewer';
type User = { id: string; email: string; name: string; role: Role; active: boolean; createdAt: string; lastSeenAt: string | null };
type Result<T = unknown> = { ok: true; data?: T } | { ok: false; message: string; fieldErrors?: Record<string, string[]> };
type Actions = {
  invite: (input: { email: string; name: string; role: Role }) => Promise<Result<{ email: string; password: string }>>;
  setRole: (input: { userId: string; role: Role }) => Promise<Result>;
  setActive: (input: { userId: string; active: boolean }) => Promise<Result>;
  resetPassword: (input: { userId: string }) => Promise<Result<{ password: string }>>;
};

const ROLE_TONE = { admin: 'violet', curator: 'indigo', viewer: 'neutral' } as const;

export function UsersAdmin({ users, meId, actions }: { users: User[]; meId: string; actions: Actions }) {
  const [pending, startTransition] = useTransition();
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string; password?: string } | null>(null);
  const [inviteErrors, setInviteErrors] = useState<Record<string, string[]>>({});

  const run = (fn: () => Promise<Result<unknown>>, success: string) =>
    startTransition(async () => {
      const r = await fn();
      setNotice(r.ok ? { tone: 'ok', text: success } : { tone: 'error', text: r.message });
    });

  // onSubmit rather than <form action>: React resets a form after its action, and a rejected invite
  // must keep what was typed. Cleared only on success.
  function invite(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    startTransition(async () => {
      const r = await actions.invite({ email: String(form.get('email') ?? ''), name: String(form.get('name') ?? ''), role: String(form.get('role')) as Role });
      if (r.ok && r.data) {
        formEl.reset();
        setInviteErrors({});
        setNotice({ tone: 'ok', text: `Invited ${r.data.email}. Give them this one-time password:`, password: r.data.password });
      } else if (!r.ok) {
        setInviteErrors(r.fieldErrors ?? {});
        setNotice({ tone: 'error', text: r.message });
      }
    });
  }

  return (
    <div className="space-y-6">
      {notice && (
        <div role="status" className={`rounded-md px-4 py-3 text-sm ${notice.tone === 'ok' ? 'bg-emerald-50 text-emerald-800' : 'bg-rose-50 text-rose-800'}`}>
          {notice.text}
          {notice.password && (
            <div className="mt-2 flex items-center gap-2">
              <code className="rounded bg-white px-2 py-1 font-mono text-[13px] text-zinc-900 ring-1 ring-emerald-200" data-testid="one-time-password">
                {notice.password}
              </code>
              <CopyButton text={notice.password} />
              <span className="text-xs text-emerald-700">Shown once; Winnow keeps only a hash.</span>
            </div>
          )}
        </div>
      )}

      <Card>
        <CardHeader title="Invite someone" />
        <CardBody>
          <form onSubmit={invite} className="grid grid-cols-1 items-end gap-3 md:grid-cols-[2fr_2fr_1fr_auto]">
            <Field id="invite-email" label="Email" hint={inviteErrors.email?.[0] && <span className="text-rose-600">{inviteErrors.email[0]}</span>}>
              <Input id="invite-email" name="email" type="email" required placeholder="curator@example.com" />
            </Field>
            <Field id="invite-name" label="Name" optional>
              <Input id="invite-name" name="name" placeholder="Grace Hopper" />
            </Field>
            <Field id="invite-role" label="Role">
              <Select id="invite-role" name="role" defaultValue="curator">
                <option value="curator">curator</option>
                <option value="viewer">viewer</option>
                <option value="admin">admin</option>
              </Select>
            </Field>
            <Button type="submit" variant="primary" disabled={pending}>
              Invite
            </Button>
          </form>
        </CardBody>
      </Card>

      <Table aria-label="Users">
        <THead>
          <tr>
            <Th>User</Th>
            <Th>Role</Th>
            <Th>Status</Th>
            <Th>Last seen</Th>
            <Th>Added</Th>
            <Th align="right">Actions</Th>
          </tr>
        </THead>
        <TBody>
          {users.map((u) => (
            <tr key={u.id} className={u.active ? '' : 'bg-zinc-50 text-zinc-400'}>
              <Td>
                <div className="font-medium text-zinc-900">{u.name || u.email}</div>
                {u.name && <div className="text-xs text-zinc-500">{u.email}</div>}
              </Td>
              <Td>
                {u.id === meId ? (
                  <Badge tone={ROLE_TONE[u.role]}>{u.role} (you)</Badge>
                ) : (
                  <Select
                    aria-label={`Role of ${u.email}`}
                    className="h-8 w-32"
                    value={u.role}
                    disabled={pending}
                    onChange={(e) => run(() => actions.setRole({ userId: u.id, role: e.target.value as Role }), `${u.email} is now ${e.target.value}.`)}
                  >
                    <option value="admin">admin</option>
                    <option value="curator">curator</option>
                    <option value="viewer">viewer</option>
                  </Select>
                )}
              </Td>
              <Td>{u.active ? <Badge tone="emerald" dot>active</Badge> : <Badge tone="neutral">deactivated</Badge>}</Td>
              <Td>{u.lastSeenAt ? <RelativeTime date={u.lastSeenAt} /> : <span className="text-zinc-400">never</span>}</Td>
              <Td>
                <RelativeTime date={u.createdAt} />
              </Td>
              <Td align="right">
                {u.id !== meId && (
                  <div className="flex justify-end gap-2">
                    <Button
                      size="sm"
                      variant="ghost"
                      disabled={pending}
                      onClick={() =>
                        startTransition(async () => {
                          const r = await actions.resetPassword({ userId: u.id });
                          setNotice(r.ok && r.data ? { tone: 'ok', text: `New one-time password for ${u.email}:`, password: r.data.password } : { tone: 'error', text: r.ok ? 'Failed.' : r.message });
                        })
                      }
                    >
                      Reset password
                    </Button>
                    <Button
                      size="sm"
                      variant={u.active ? 'danger' : 'secondary'}
                      disabled={pending}
                      onClick={() => run(() => actions.setActive({ userId: u.id, active: !u.active }), `${u.email} ${u.active ? 'deactivated; their sessions ended' : 'reactivated'}.`)}
                    >
                      {u.active ? 'Deactivate' : 'Reactivate'}
                    </Button>
                  </div>
                )}
              </Td>
            </tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
