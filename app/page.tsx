import { prisma } from '@/lib/db/client';

export const dynamic = 'force-dynamic';

export default async function Home() {
  const n = await prisma.dataset.count();
  return <main className="p-8">Datasets: {n}</main>;
}
