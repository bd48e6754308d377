import Link from 'next/link';
import { WinnowMark } from './logo';
import { NavLink } from './nav-link';
import { UserMenu, type MenuUser } from './user-menu';

export function TopBar({ user }: { user: MenuUser | null }) {
  return (
    <header className="sticky top-0 z-30 border-b border-zinc-200 bg-white/90 backdrop-blur supports-[backdrop-filter]:bg-white/75">
      <div className="mx-auto flex h-12 max-w-[1600px] items-center gap-6 px-6">
        <Link href="/datasets" className="flex items-center gap-2 rounded-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500" aria-label="Winnow home">
          <WinnowMark className="size-6" />
          <span className="text-[15px] font-semibold tracking-tight text-zinc-900">Winnow</span>
        </Link>
        <nav aria-label="Main" className="flex items-center gap-1">
          <NavLink href="/datasets">Datasets</NavLink>
          <NavLink href="/review">Review</NavLink>
          <NavLink href="/endpoints">Endpoints</NavLink>
          {user?.role === 'admin' && <NavLink href="/admin/users">Users</NavLink>}
        </nav>
        <div className="ml-auto flex items-center gap-3">{user && <UserMenu user={user} />}</div>
      </div>
    </header>
  );
}

export function PageContainer({ children }: { children: React.ReactNode }) {
  return <main className="mx-auto w-full max-w-[1600px] px-6 py-6">{children}</main>;
}
