import Link from 'next/link';

export const metadata = { title: 'Not allowed' };

export default async function ForbiddenPage({ searchParams }: { searchParams: Promise<{ need?: string }> }) {
  const { need } = await searchParams;
  return (
    <main className="mx-auto max-w-md px-6 py-24 text-center">
      <h1 className="text-lg font-semibold">You don’t have access to that page</h1>
      <p className="mt-2 text-sm text-zinc-600">
        {need ? `It needs the ${need.replace(/[^a-z]/g, '')} role.` : 'Your role does not allow it.'} Ask an admin if you need it.
      </p>
      <Link href="/datasets" className="mt-6 inline-block text-sm font-medium text-indigo-600 hover:underline">
        Back to datasets
      </Link>
    </main>
  );
}
