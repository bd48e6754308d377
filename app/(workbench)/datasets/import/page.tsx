import type { Metadata } from 'next';
import Link from 'next/link';
import { CliSnippet } from '@/components/datasets/cli-snippet';
import { ImportForm } from '@/components/datasets/import-form';
import { PageContainer } from '@/components/shell/top-bar';
import { Card, CardBody } from '@/components/ui/card';
import { requirePageRole } from '@/lib/auth/require-page-role';
import { listDatasetNames } from '@/lib/datasets/list-dataset-names';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Import data' };

export default async function ImportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageRole('curator', '/datasets/import');
  const [names, sp] = await Promise.all([listDatasetNames(), searchParams]);
  const initial = typeof sp.dataset === 'string' ? sp.dataset : '';
  return (
    <PageContainer>
      <div className="mx-auto max-w-2xl">
        <nav aria-label="Breadcrumb" className="text-sm text-zinc-500">
          <Link href="/datasets" className="hover:text-zinc-800 hover:underline">
            Datasets
          </Link>
          <span aria-hidden className="mx-1.5 text-zinc-300">/</span>
        </nav>
        <h1 className="mt-0.5 text-xl font-semibold tracking-tight text-zinc-900">Import data</h1>
        <p className="mt-1 mb-5 text-sm text-zinc-600">Upload prompts — with reference answers and candidates if you have them — into a new or existing dataset.</p>
        <Card>
          <CardBody className="px-5 py-5">
            <ImportForm existingNames={names} initialDataset={initial} />
          </CardBody>
        </Card>
        <div className="mt-6 space-y-2 text-sm text-zinc-600">
          <p>Large file, or a script? The command line does the same:</p>
          <CliSnippet command="npm run winnow -- import data.jsonl --dataset my-set --map prompt=question,reference=answer" />
        </div>
      </div>
    </PageContainer>
  );
}
