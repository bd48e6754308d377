import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SetupForm } from '@/components/auth/setup-form';
import { needsSetup } from '@/lib/auth/create-first-admin';
import { createFirstAdminAction } from './actions';

export const metadata: Metadata = { title: 'Welcome' };
export const dynamic = 'force-dynamic';

export default async function SetupPage() {
  if (!(await needsSetup())) redirect('/login');
  return <SetupForm action={createFirstAdminAction} />;
}
