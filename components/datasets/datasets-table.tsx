import Link from 'next/link';
import type { DatasetSummary } from '@/lib/datasets/list-datasets';
import { formatNumber, formatPercent } from '../ui/format';
import { Progress } from '../ui/progress';
import { RelativeTime } from '../ui/relative-time';
import { Table, TBody, Td, Th, THead } from '../ui/table';

export function DatasetsTable({ datasets }: { datasets: DatasetSummary[] }) {
  return (
    <Table aria-label="Datasets">
      <THead>
        <tr>
          <Th className="w-[38%]">Dataset</Th>
          <Th align="right">Prompts</Th>
          <Th align="right">Candidates</Th>
          <Th align="right">Accepted</Th>
          <Th className="w-52">Reviewed prompts</Th>
          <Th align="right">Created</Th>
        </tr>
      </THead>
      <TBody>
        {datasets.map((d) => (
          <tr key={d.id} className="group relative hover:bg-zinc-50">
            <Td className="py-2.5">
              {/* The name link covers the row (after:) so the whole row is clickable, one tab stop. */}
              <Link
                href={`/datasets/${d.id}`}
                className="font-medium text-zinc-900 after:absolute after:inset-0 group-hover:text-indigo-700 focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:-outline-offset-2 focus-visible:after:outline-indigo-500"
              >
                {d.name}
              </Link>
              {d.description && <p className="mt-0.5 line-clamp-1 text-xs text-zinc-500">{d.description}</p>}
            </Td>
            <Td align="right">{formatNumber(d.prompts)}</Td>
            <Td align="right">{formatNumber(d.candidates)}</Td>
            <Td align="right">
              {formatNumber(d.accepted)}
              {d.candidates > 0 && <span className="ml-1.5 text-xs text-zinc-400">{formatPercent(d.accepted, d.candidates)}</span>}
            </Td>
            <Td>
              <div className="flex items-center gap-2.5">
                <Progress value={d.reviewedPrompts} max={d.prompts || 1} size="sm" tone="emerald" label={`${d.name}: ${d.reviewedPrompts} of ${d.prompts} prompts reviewed`} className="max-w-28" />
                <span className="text-xs whitespace-nowrap text-zinc-500 tabular-nums">
                  {formatNumber(d.reviewedPrompts)} / {formatNumber(d.prompts)}
                </span>
              </div>
            </Td>
            <Td align="right" className="text-xs whitespace-nowrap text-zinc-500">
              <RelativeTime date={d.createdAt} />
            </Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
