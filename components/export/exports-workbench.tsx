'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ExportVersionDto } from '@/lib/export/list-exports';
import { fetchJson } from '../prompts/fetch-json';
import { EmptyState } from '../ui/empty-state';
import { DiffPanel } from './diff-panel';
import { ExportForm } from './export-form';
import { VersionsTable } from './versions-table';

export function ExportsWorkbench({ datasetId, evaluators, initialVersions, canCreate }: { datasetId: number; evaluators: string[]; initialVersions: ExportVersionDto[]; canCreate: boolean }) {
  const queryClient = useQueryClient();
  const key = ['exports', datasetId, 'versions'];
  const versions = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => fetchJson<{ versions: ExportVersionDto[] }>(`/api/exports?datasetId=${datasetId}`, signal).then((r) => r.versions),
    initialData: initialVersions,
  });
  const [selected, setSelected] = useState<number[]>([]);
  const toggle = (id: number) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id].slice(-2)));
  const [a, b] = [...selected].sort((x, y) => x - y);

  return (
    <div className="space-y-6">
      <ExportForm datasetId={datasetId} evaluators={evaluators} canCreate={canCreate} onCreated={() => queryClient.invalidateQueries({ queryKey: key })} />
      <section aria-labelledby="versions-heading" className="space-y-3">
        <div className="flex items-baseline justify-between">
          <h2 id="versions-heading" className="text-sm font-semibold text-zinc-900">
            Versions
          </h2>
          {versions.data.length > 1 && <p className="text-xs text-zinc-500">Tick two versions to compare them.</p>}
        </div>
        {versions.data.length === 0 ? (
          <EmptyState title="No exports yet">{canCreate ? 'Create the first one above.' : 'A curator can create one.'}</EmptyState>
        ) : (
          <VersionsTable versions={versions.data} selected={selected} onToggle={toggle} />
        )}
        {a !== undefined && b !== undefined && <DiffPanel a={a} b={b} />}
      </section>
    </div>
  );
}
