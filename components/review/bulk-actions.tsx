'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';
import { applyBulkAction, undoBulkAction } from '@/app/(workbench)/datasets/[id]/review/actions';
import type { BulkPreview, LastBulk } from '@/lib/review/bulk-actions';
import { reviewApi, reviewKeys } from '@/lib/review/query-keys';
import { BULK_KINDS, BULK_LABELS, type BulkKind, type QueueFilter } from '@/lib/review/schemas';
import { fetchJson } from '../prompts/fetch-json';
import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';
import { formatNumber } from '../ui/format';
import { RelativeTime } from '../ui/relative-time';

function BulkDialog({ datasetId, kind, filter, onClose }: { datasetId: number; kind: BulkKind; filter: QueueFilter; onClose: () => void }) {
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const preview = useQuery({
    queryKey: reviewKeys.bulkPreview(datasetId, kind, filter),
    queryFn: ({ signal }) => fetchJson<BulkPreview>(reviewApi.bulkPreview(datasetId, kind, filter), signal),
    staleTime: 0,
  });
  const n = preview.data?.candidates;
  async function apply() {
    if (n === undefined) return;
    setBusy(true);
    try {
      const r = await applyBulkAction({ datasetId, kind, filter, expected: n });
      if (!r.ok) {
        toast.error('Bulk action not applied', { description: r.message });
        void preview.refetch();
        return;
      }
      toast.success(`${BULK_LABELS[kind]}: ${formatNumber(r.data.changed)} candidates changed`, { description: 'You can undo it from the queue.' });
      void qc.invalidateQueries({ queryKey: reviewKeys.all(datasetId) });
      onClose();
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title={BULK_LABELS[kind]} description="Acts on every prompt matching the queue's current filter.">
      <div data-testid="bulk-preview">
        {preview.isPending ? (
          <p className="text-sm text-zinc-500">Counting…</p>
        ) : preview.isError ? (
          <p className="text-sm text-rose-700">{preview.error.message}</p>
        ) : (
          <p className="text-sm text-zinc-800">
            This changes <strong className="tabular-nums">{formatNumber(n)}</strong> {n === 1 ? 'candidate' : 'candidates'} in{' '}
            <strong className="tabular-nums">{formatNumber(preview.data.prompts)}</strong> {preview.data.prompts === 1 ? 'prompt' : 'prompts'}.
            {kind !== 'reset' && ' Candidates a curator already decided are left alone.'}
          </p>
        )}
        <div className="mt-4 flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button variant={kind === 'approve-accepted' ? 'primary' : 'danger'} disabled={busy || !n} onClick={() => void apply()}>
            {kind === 'reset' ? 'Reset' : kind === 'approve-accepted' ? 'Approve' : 'Reject'} {n ? formatNumber(n) : ''}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}

/** Bulk actions on the current filter, with a count first, and undo of the last one. */
export function BulkActions({ datasetId, filter, lastBulk }: { datasetId: number; filter: QueueFilter; lastBulk: LastBulk }) {
  const qc = useQueryClient();
  const [kind, setKind] = useState<BulkKind | null>(null);
  const [undoing, setUndoing] = useState(false);
  async function undo() {
    setUndoing(true);
    try {
      const r = await undoBulkAction({ datasetId });
      if (!r.ok) return void toast.error('Nothing undone', { description: r.message });
      toast.success(`Undone: ${r.data.label}`, {
        description: `${formatNumber(r.data.restored)} restored${r.data.skipped ? `, ${formatNumber(r.data.skipped)} kept (decided again since)` : ''}.`,
      });
      void qc.invalidateQueries({ queryKey: reviewKeys.all(datasetId) });
    } finally {
      setUndoing(false);
    }
  }
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="bulk-actions">
      <span className="text-xs font-medium text-zinc-500">On this filter:</span>
      {BULK_KINDS.map((k) => (
        <Button key={k} size="sm" variant="secondary" onClick={() => setKind(k)}>
          {BULK_LABELS[k]}…
        </Button>
      ))}
      {lastBulk && (
        <Button size="sm" variant="ghost" onClick={() => void undo()} disabled={undoing} title={`${lastBulk.label} by ${lastBulk.actor ?? 'someone'}`}>
          Undo “{lastBulk.label}” ({formatNumber(lastBulk.count)}) · <RelativeTime date={lastBulk.createdAt} />
        </Button>
      )}
      {kind && <BulkDialog datasetId={datasetId} kind={kind} filter={filter} onClose={() => setKind(null)} />}
    </div>
  );
}
