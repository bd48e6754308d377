import type { Metadata } from 'next';
import { UsersAdmin } from '@/components/admin/users-admin';
import { PageContainer } from '@/components/shell/top-bar';
import { listUsers } from '@/lib/auth/manage-users';
import { requirePageRole } from '@/lib/auth/require-page-role';
import { inviteUserAction, resetPasswordAction, setActiveAction, setRoleAction } from './actions';

export const metadata: Metadata = { title: 'Users' };
export const dynamic = 'force-dynamic';

export default async function UsersPage() {
  const me = await requirePageRole('admin', '/admin/users');
  const users = await listUsers();
  return (
    <PageContainer>
      <div className="mb-5">
        <h1 className="text-xl font-semibold tracking-tight">Users</h1>
        <p className="mt-1 text-sm text-zinc-500">
          Admins manage users and endpoints; curators import, generate, evaluate, review and export; viewers read.
        </p>
      </div>
      <UsersAdmin
        users={users}
        meId={me.id}
        actions={{ invite: inviteUserAction, setRole: setRoleAction, setActive: setActiveAction, resetPassword: resetPasswordAction }}
      />
    </PageContainer>
  );
}
