'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { acceptBestAction, decideAction, saveNoteAction } from '@/app/(workbench)/datasets/[id]/review/actions';
import { reviewKeys } from '@/lib/review/query-keys';
import type { DecisionAction } from '@/lib/review/schemas';
import type { Board, BoardCard, ConflictInfo } from '@/lib/review/types';
import { allVersions, applyStates, bestCard, predictAcceptBest, predictDecision, type Me } from './board-state';

/** A refusal from the server (a stale write carries the other person's decision). */
export class ReviewRefused extends Error {
  constructor(
    message: string,
    readonly conflict?: ConflictInfo,
  ) {
    super(message);
  }
}

type Refusable<T> = { ok: true; data: T } | { ok: false; message: string; conflict?: ConflictInfo };

function unwrap<T>(r: unknown): T {
  const res = r as Refusable<T>;
  if (!res.ok) throw new ReviewRefused(res.message, res.conflict);
  return res.data;
}

function refusedToast(e: unknown) {
  if (e instanceof ReviewRefused && e.conflict) {
    toast.error('Not saved: someone else decided first', { description: e.conflict.message, duration: 10_000 });
  } else {
    toast.error('Not saved', { description: e instanceof Error ? e.message : String(e) });
  }
}

/**
 * The board's mutations, each optimistic: the cache changes at once, the server action runs, the
 * server's answer replaces the guess; a refusal rolls back and toasts. The board is refetched when
 * the last pending action settles (audit log, other people's changes).
 */
export function useBoardActions(datasetId: number, promptId: number, me: Me) {
  const qc = useQueryClient();
  const key = reviewKeys.board(datasetId, promptId);
  const mutationKey = ['review', datasetId, 'mutate'];

  const begin = async (update: (b: Board) => Board) => {
    await qc.cancelQueries({ queryKey: key });
    const prev = qc.getQueryData<Board>(key);
    if (prev) qc.setQueryData<Board>(key, update(prev));
    return { prev };
  };
  const rollback = (e: unknown, ctx: { prev?: Board } | undefined) => {
    if (ctx?.prev) qc.setQueryData(key, ctx.prev);
    refusedToast(e);
  };
  const settle = () => {
    if (qc.isMutating({ mutationKey }) === 1) {
      void qc.invalidateQueries({ queryKey: key });
      void qc.invalidateQueries({ queryKey: reviewKeys.progress(datasetId) });
    }
  };

  const decide = useMutation({
    mutationKey,
    mutationFn: async ({ card, action }: { card: BoardCard; action: DecisionAction }) =>
      unwrap<Awaited<ReturnType<typeof predictDecision>>>(await decideAction({ datasetId, candidateId: card.id, action, version: card.version })),
    onMutate: ({ card, action }) => begin((b) => applyStates(b, [predictDecision(card, action, me)])),
    onSuccess: (state) => qc.setQueryData<Board>(key, (b) => b && applyStates(b, [state])),
    onError: (e, _v, ctx) => rollback(e, ctx as { prev?: Board } | undefined),
    onSettled: settle,
  });

  const acceptBest = useMutation({
    mutationKey,
    /** `bestId`: the candidate to keep (blind mode: the selected one); default the best-ranked. */
    mutationFn: async ({ board, bestId }: { board: Board; bestId?: number }) => {
      const best = bestId ?? bestCard(board)?.id;
      if (!best) throw new ReviewRefused('This prompt has no candidates.');
      return unwrap<ReturnType<typeof predictAcceptBest>>(await acceptBestAction({ datasetId, promptId, versions: allVersions(board), bestId: best }));
    },
    onMutate: ({ board, bestId }) => {
      const best = bestId ?? bestCard(board)?.id;
      return begin((b) => (best ? applyStates(b, predictAcceptBest(b, best, me)) : b));
    },
    onSuccess: (states) => {
      qc.setQueryData<Board>(key, (b) => b && applyStates(b, states));
      toast.success(states.length ? `Accepted the best, rejected the rest (${states.length} changed)` : 'Already decided that way');
    },
    onError: (e, _v, ctx) => rollback(e, ctx as { prev?: Board } | undefined),
    onSettled: settle,
  });

  const note = useMutation({
    mutationKey,
    mutationFn: async ({ next, previous }: { next: string; previous: string | null }) => unwrap<{ note: string | null }>(await saveNoteAction({ datasetId, promptId, note: next, previous })),
    onMutate: ({ next }) => begin((b) => ({ ...b, prompt: { ...b.prompt, note: next.trim() || null } })),
    onError: (e, _v, ctx) => rollback(e, ctx as { prev?: Board } | undefined),
    onSettled: settle,
  });

  return { decide, acceptBest, note };
}
