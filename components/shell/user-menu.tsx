'use client';

import { DropdownMenu } from 'radix-ui';

export type MenuUser = { name: string; email: string; role: string };

export function UserMenu({ user }: { user: MenuUser }) {
  async function signOut() {
    await fetch('/api/auth/sign-out', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    // A full load on purpose: nothing rendered for the old session may survive sign-out.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign('/login');
  }
  const initials = (user.name || user.email).slice(0, 1).toUpperCase();
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        className="flex items-center gap-2 rounded-md px-2 py-1 text-sm text-zinc-700 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500"
        aria-label={`Account of ${user.email}`}
      >
        <span className="grid size-6 place-items-center rounded-full bg-indigo-100 text-xs font-semibold text-indigo-700">{initials}</span>
        <span className="hidden sm:inline">{user.name || user.email}</span>
        <span className="rounded bg-zinc-100 px-1.5 py-0.5 text-[11px] font-medium text-zinc-600">{user.role}</span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-52 rounded-md border border-zinc-200 bg-white p-1 text-sm shadow-lg">
          <div className="px-2.5 py-2 text-xs text-zinc-500">
            Signed in as <span className="font-medium text-zinc-800">{user.email}</span>
          </div>
          <DropdownMenu.Separator className="my-1 h-px bg-zinc-100" />
          <DropdownMenu.Item
            onSelect={() => void signOut()}
            className="cursor-pointer rounded px-2.5 py-1.5 text-zinc-800 outline-none data-[highlighted]:bg-zinc-100"
          >
            Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
