'use client';
import type { ExportVersionDto } from '@/lib/export/list-exports';
import { Badge } from '../ui/badge';
import { formatNumber } from '../ui/format';
import { RelativeTime } from '../ui/relative-time';
import { Table, TBody, Td, Th, THead } from '../ui/table';

function filterSummary(f: Record<string, unknown>): string {
  const parts: string[] = [`status ${String(f.status ?? 'accepted')}`];
  if (f.topK) parts.push(`top-${String(f.topK)}`);
  if (f.minScore !== undefined) parts.push(`score ≥ ${String(f.minScore)}`);
  for (const e of (f.evaluators as { name: string; pass: boolean }[] | undefined) ?? []) parts.push(`${e.name}=${e.pass ? 'pass' : 'fail'}`);
  if (f.minMargin !== undefined) parts.push(`margin ≥ ${String(f.minMargin)}`);
  if (f.pairsPerPrompt) parts.push(`${String(f.pairsPerPrompt)} pairs/prompt`);
  return parts.join(' · ');
}

export function VersionsTable({ versions, selected, onToggle }: { versions: ExportVersionDto[]; selected: number[]; onToggle: (id: number) => void }) {
  return (
    <Table aria-label="Export versions">
      <THead>
        <tr>
          <Th className="w-8">
            <span className="sr-only">Compare</span>
          </Th>
          <Th>Version</Th>
          <Th>Format</Th>
          <Th align="right">Rows</Th>
          <Th align="right">Prompts</Th>
          <Th>Filters</Th>
          <Th>By</Th>
          <Th>When</Th>
          <Th>sha256</Th>
          <Th align="right">Download</Th>
        </tr>
      </THead>
      <TBody>
        {versions.map((v) => (
          <tr key={v.id} data-testid={`export-version-${v.id}`}>
            <Td>
              <input type="checkbox" aria-label={`Compare version ${v.id}`} checked={selected.includes(v.id)} onChange={() => onToggle(v.id)} className="size-4 rounded border-zinc-300" />
            </Td>
            <Td className="font-medium tabular-nums">v{v.id}</Td>
            <Td>
              <span className="font-mono text-xs">{v.format}</span> {v.parquet && <Badge tone="sky">parquet</Badge>}
            </Td>
            <Td align="right">{formatNumber(v.rowCount)}</Td>
            <Td align="right">{formatNumber(v.examples)}</Td>
            <Td className="max-w-72 truncate text-xs text-zinc-600" title={filterSummary(v.filters)}>
              {filterSummary(v.filters)}
              {Object.keys(v.skipped).length > 0 && (
                <span className="ml-1 text-amber-700">
                  · skipped {Object.entries(v.skipped).map(([k, n]) => `${formatNumber(n)} ${k}`).join(', ')}
                </span>
              )}
            </Td>
            <Td className="text-xs text-zinc-600">{v.createdBy}</Td>
            <Td className="text-xs text-zinc-600">
              <RelativeTime date={v.createdAt} />
            </Td>
            <Td className="font-mono text-xs text-zinc-500" title={v.sha256}>
              {v.sha256.slice(0, 10)}
            </Td>
            <Td align="right" className="whitespace-nowrap">
              <a className="text-sm font-medium text-indigo-600 hover:text-indigo-500" href={`/api/exports/${v.id}/file`} download>
                File
              </a>
              <span className="mx-1.5 text-zinc-300">|</span>
              <a className="text-sm font-medium text-indigo-600 hover:text-indigo-500" href={`/api/exports/${v.id}/manifest`} download>
                Manifest
              </a>
            </Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
