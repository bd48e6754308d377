import type { CandidateDto, CandidateScoreDto } from '@/lib/prompts/get-prompt';
import { toPlainExcerpt } from '@/lib/prompts/text';
import { formatRaw, ScoreBadges } from '../evaluation/score-badges';
import { MarkdownText } from '../markdown';
import { Badge } from '../ui/badge';
import { cn } from '../ui/cn';
import { formatDuration, formatNumber, formatScore } from '../ui/format';
import { CheckIcon, ChevronDownIcon, XIcon } from '../ui/icons';
import { RelativeTime } from '../ui/relative-time';
import { ContentView } from './content-view';
import { AutoVerdictBadge, FinalStatusBadge } from './status-badges';

function Meta({ label, children, className }: { label: string; children: React.ReactNode; className?: string }) {
  return (
    <div className={cn('flex items-baseline gap-1', className)}>
      <dt className="text-zinc-400">{label}</dt>
      <dd className="text-zinc-700">{children}</dd>
    </div>
  );
}

function ScoreBar({ value }: { value: number }) {
  const pct = Math.max(0, Math.min(1, value)) * 100;
  return (
    <span aria-hidden className="inline-block h-1.5 w-14 overflow-hidden rounded-full bg-zinc-200 align-middle">
      <span className={cn('block h-full rounded-full', value >= 0.5 ? 'bg-emerald-500' : 'bg-rose-400')} style={{ width: `${pct}%` }} />
    </span>
  );
}

function Passed({ passed }: { passed: boolean | null }) {
  if (passed === null) return <span className="text-zinc-400">—</span>;
  return passed ? (
    <span className="inline-flex items-center gap-1 text-emerald-700">
      <CheckIcon className="size-3.5" /> pass
    </span>
  ) : (
    <span className="inline-flex items-center gap-1 text-rose-700">
      <XIcon className="size-3.5" /> fail
    </span>
  );
}

function ScoresTable({ scores }: { scores: CandidateScoreDto[] }) {
  return (
    <table className="w-full text-left text-xs">
      <caption className="sr-only">Evaluator scores</caption>
      <thead className="text-zinc-500">
        <tr>
          <th scope="col" className="py-1 pr-3 font-medium">Evaluator</th>
          <th scope="col" className="py-1 pr-3 font-medium">Score</th>
          <th scope="col" className="py-1 pr-3 font-medium">Passed</th>
          <th scope="col" className="w-full py-1 font-medium">Rationale</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-100 align-top">
        {scores.map((s) => (
          <tr key={s.evaluatorId}>
            <td className="py-1.5 pr-3 whitespace-nowrap">
              <span className="font-medium text-zinc-800">{s.evaluator}</span>
              {s.role === 'gate' && (
                <Badge className="ml-1.5 px-1 py-0 text-[10px]" title="A gate must pass for the candidate to be accepted">
                  gate
                </Badge>
              )}
            </td>
            <td className="py-1.5 pr-3 whitespace-nowrap tabular-nums">
              {s.value == null ? (
                <span className="text-zinc-400">—</span>
              ) : (
                <span className="inline-flex items-center gap-1.5">
                  <ScoreBar value={s.value} />
                  {formatScore(s.value)}
                </span>
              )}
              {s.rawValue != null && <div className="text-[11px] text-zinc-500">raw {formatRaw(s.rawValue)}</div>}
            </td>
            <td className="py-1.5 pr-3 whitespace-nowrap">
              <Passed passed={s.passed} />
            </td>
            <td className="py-1.5">
              {s.error && (
                <p className="text-rose-700">
                  <span className="font-medium">Error:</span> {s.error}
                </p>
              )}
              {s.rationale ? (
                <details className="group">
                  <summary className="inline-flex cursor-pointer list-none items-center gap-1 text-zinc-600 hover:text-zinc-900 [&::-webkit-details-marker]:hidden">
                    <ChevronDownIcon className="size-3 -rotate-90 transition-transform group-open:rotate-0" />
                    <span className="line-clamp-1 group-open:hidden">{toPlainExcerpt(s.rationale.replace(/\*\*|__|`/g, ''), 140)}</span>
                    <span className="hidden group-open:inline">Rationale</span>
                  </summary>
                  <div className="mt-1 rounded bg-zinc-50 px-2 py-1.5">
                    <MarkdownText text={s.rationale} className="text-xs leading-5" />
                  </div>
                </details>
              ) : (
                !s.error && <span className="text-zinc-400">—</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CandidateCard({ candidate: c }: { candidate: CandidateDto }) {
  const truncated = c.finishReason === 'length';
  return (
    <article
      aria-labelledby={`cand-${c.id}-title`}
      data-testid="candidate-card"
      className={cn(
        'rounded-lg border bg-white shadow-xs',
        c.finalStatus === 'approved' || c.finalStatus === 'accepted' ? 'border-emerald-200' : 'border-zinc-200',
      )}
    >
      <header className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-zinc-100 px-4 py-2.5">
        {c.rank != null && (
          <span className="inline-flex size-6 items-center justify-center rounded-full bg-zinc-900 text-xs font-semibold text-white tabular-nums" title={`Rank ${c.rank} among this prompt's candidates`}>
            {c.rank}
          </span>
        )}
        <h3 id={`cand-${c.id}-title`} className="text-sm font-semibold text-zinc-900">
          Sample {c.sampleIndex}
        </h3>
        {c.model && (
          <span title={c.model} className="max-w-64 truncate rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs text-zinc-700">
            {c.model}
          </span>
        )}
        {c.duplicateOfId && <Badge tone="violet">duplicate of #{c.duplicateOfId}</Badge>}
        <ScoreBadges scores={c.scores} />
        <div className="ml-auto flex items-center gap-3">
          <div className="text-right">
            <div className="text-[10px] font-medium tracking-wide text-zinc-400 uppercase">Aggregate</div>
            <div className="text-base leading-5 font-semibold text-zinc-900 tabular-nums">{formatScore(c.aggregate)}</div>
          </div>
          <FinalStatusBadge status={c.finalStatus} byCurator={c.decision !== null} />
        </div>
      </header>

      <ContentView
        label={`Sample ${c.sampleIndex}`}
        raw={c.content}
        rendered={c.content ? <MarkdownText text={c.content} /> : <p className="text-sm text-zinc-400 italic">(empty answer)</p>}
        meta={
          <dl className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
            <Meta label="run">
              #{c.run.id} · {c.run.kind === 'import' ? 'imported' : 'generated'}
            </Meta>
            {c.finishReason && (
              <Meta label="finish">
                <span className={cn(truncated && 'font-medium text-amber-700')}>{truncated ? 'length (cut off)' : c.finishReason}</span>
              </Meta>
            )}
            {(c.promptTokens != null || c.completionTokens != null) && (
              <Meta label="tokens">
                {[c.promptTokens != null && `${formatNumber(c.promptTokens)} in`, c.completionTokens != null && `${formatNumber(c.completionTokens)} out`].filter(Boolean).join(' · ')}
              </Meta>
            )}
            {c.latencyMs != null && <Meta label="latency">{formatDuration(c.latencyMs)}</Meta>}
          </dl>
        }
      />

      <footer className="space-y-2.5 rounded-b-lg border-t border-zinc-100 bg-zinc-50/60 px-4 py-2.5">
        <div className="flex flex-wrap items-center gap-2 text-xs">
          <AutoVerdictBadge verdict={c.autoVerdict} />
          {c.verdictReason && <span className="text-zinc-600">{c.verdictReason}</span>}
        </div>
        {c.scores.length > 0 ? <ScoresTable scores={c.scores} /> : <p className="text-xs text-zinc-500">Not scored yet.</p>}
        {c.decision && (
          <p className={cn('rounded-md px-2.5 py-1.5 text-xs', c.decision.verdict === 'approved' ? 'bg-emerald-50 text-emerald-900' : 'bg-rose-50 text-rose-900')}>
            <span className="font-semibold">{c.decision.verdict === 'approved' ? 'Approved' : 'Rejected'}</span>
            {c.decision.reviewer && <> by {c.decision.reviewer}</>} · <RelativeTime date={c.decision.updatedAt} />
            {c.decision.note && <span className="text-zinc-700"> — {c.decision.note}</span>}
          </p>
        )}
      </footer>
    </article>
  );
}
