import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CandidateCard } from '@/components/prompts/candidate-card';
import { PromptCards } from '@/components/prompts/prompt-cards';
import { MetadataView } from '@/components/prompts/metadata-view';
import { PromptKeys } from '@/components/prompts/prompt-keys';
import { ViewModeSwitch } from '@/components/prompts/view-mode';
import { PageContainer } from '@/components/shell/top-bar';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { formatNumber } from '@/components/ui/format';
import { ChevronLeftIcon, ChevronRightIcon, InboxIcon } from '@/components/ui/icons';
import { Kbd } from '@/components/ui/kbd';
import { currentUser } from '@/lib/auth/current-user';
import { requirePageRole } from '@/lib/auth/require-page-role';
import { FLAG_LABELS } from '@/lib/evaluation/policy/explain';
import type { PromptFlag } from '@/lib/evaluation/policy/types';
import { getPrompt } from '@/lib/prompts/get-prompt';
import { getPromptNeighbours } from '@/lib/prompts/get-prompt-neighbours';
import { PROMPT_STATUS_FILTER_LABELS, parseIdParam, parsePromptListQuery } from '@/lib/prompts/schemas';
import { promptHref, promptListHref } from '@/lib/prompts/urls';

export const dynamic = 'force-dynamic';

type Props = {
  params: Promise<{ id: string; promptId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const p = await params;
  if (!(await currentUser())) return { title: 'Prompt' };
  const datasetId = parseIdParam(p.id);
  const promptId = parseIdParam(p.promptId);
  const prompt = datasetId && promptId ? await getPrompt(datasetId, promptId) : null;
  return { title: prompt ? `${prompt.externalId} · ${prompt.datasetName}` : 'Prompt not found' };
}

export default async function PromptPage({ params, searchParams }: Props) {
  const p = await params;
  await requirePageRole('viewer', `/datasets/${encodeURIComponent(p.id)}/prompts/${encodeURIComponent(p.promptId)}`);
  const datasetId = parseIdParam(p.id);
  const promptId = parseIdParam(p.promptId);
  if (!datasetId || !promptId) notFound();
  const { q, status } = parsePromptListQuery(await searchParams);
  const filter = { q, status };
  const [prompt, neighbours] = await Promise.all([getPrompt(datasetId, promptId), getPromptNeighbours(datasetId, promptId, filter)]);
  if (!prompt) notFound();

  const prevHref = neighbours.prevId ? promptHref(datasetId, neighbours.prevId, filter) : null;
  const nextHref = neighbours.nextId ? promptHref(datasetId, neighbours.nextId, filter) : null;
  // Back to the list at the page that starts with this prompt, with the same filter.
  const listHref = promptListHref(datasetId, filter, neighbours.prevId);
  const accepted = prompt.candidates.filter((c) => c.finalStatus === 'accepted' || c.finalStatus === 'approved').length;
  const filtered = q !== '' || status !== 'any';

  return (
    <PageContainer>
      <PromptKeys prevHref={prevHref} nextHref={nextHref} listHref={listHref} />
      <div className="mb-5 flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <nav aria-label="Breadcrumb" className="text-sm text-zinc-500">
            <Link href="/datasets" className="hover:text-zinc-800 hover:underline">
              Datasets
            </Link>
            <span aria-hidden className="mx-1.5 text-zinc-300">/</span>
            <Link href={listHref} className="hover:text-zinc-800 hover:underline">
              {prompt.datasetName}
            </Link>
            <span aria-hidden className="mx-1.5 text-zinc-300">/</span>
          </nav>
          <h1 className="mt-0.5 truncate font-mono text-lg font-semibold tracking-tight text-zinc-900" title={prompt.externalId}>
            {prompt.externalId}
          </h1>
          <p className="mt-0.5 text-sm text-zinc-500">
            {formatNumber(prompt.candidates.length)} {prompt.candidates.length === 1 ? 'candidate' : 'candidates'} · {formatNumber(accepted)} accepted
            {filtered && (
              <>
                {' '}· browsing {q ? <>matches for “{q}”</> : 'prompts'}
                {status !== 'any' && <> · {PROMPT_STATUS_FILTER_LABELS[status].toLowerCase()}</>}
              </>
            )}
          </p>
          {prompt.flags.length > 0 && (
            <ul aria-label="Prompt flags" className="mt-1.5 flex flex-wrap gap-1.5" data-testid="prompt-flags">
              {prompt.flags.map((f) => (
                <li key={f}>
                  <Badge tone={f === 'gate-judge-disagree' || f === 'pairwise-inconsistent' ? 'amber' : 'neutral'}>{FLAG_LABELS[f as PromptFlag] ?? f}</Badge>
                </li>
              ))}
            </ul>
          )}
        </div>
        <nav aria-label="Prompt navigation" className="flex items-center gap-2">
          <ButtonLink href={listHref} variant="ghost" size="sm" aria-keyshortcuts="u">
            Back to list <Kbd>u</Kbd>
          </ButtonLink>
          <ButtonLink href={prevHref ?? '#'} disabled={!prevHref} size="sm" aria-label="Previous prompt" aria-keyshortcuts="[">
            <ChevronLeftIcon className="size-3.5" /> Prev <Kbd>[</Kbd>
          </ButtonLink>
          <ButtonLink href={nextHref ?? '#'} disabled={!nextHref} size="sm" aria-label="Next prompt" aria-keyshortcuts="]">
            Next <Kbd>]</Kbd> <ChevronRightIcon className="size-3.5" />
          </ButtonLink>
        </nav>
      </div>

      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <div className="space-y-4 lg:sticky lg:top-16 lg:max-h-[calc(100vh-5rem)] lg:overflow-y-auto lg:pb-4">
          <PromptCards idPrefix="" messages={prompt.messages} reference={prompt.reference} />
          <MetadataView metadata={prompt.metadata} />
        </div>

        <section aria-labelledby="candidates-heading" className="space-y-3">
          <div className="flex items-center justify-between gap-3">
            <h2 id="candidates-heading" className="text-sm font-semibold text-zinc-900">
              Candidates <span className="ml-1 font-normal text-zinc-500">{formatNumber(prompt.candidates.length)}</span>
            </h2>
            {prompt.candidates.length > 0 && <ViewModeSwitch />}
          </div>
          {prompt.candidates.length === 0 ? (
            <EmptyState icon={<InboxIcon className="size-9" />} title="No candidates yet">
              Generate candidates or import them with a <code className="rounded bg-zinc-100 px-1 font-mono text-[13px]">candidates</code> array.
            </EmptyState>
          ) : (
            prompt.candidates.map((c) => <CandidateCard key={c.id} candidate={c} />)
          )}
        </section>
      </div>
    </PageContainer>
  );
}
