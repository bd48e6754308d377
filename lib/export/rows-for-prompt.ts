// One prompt → its rows in a format: SFT selection, DPO pairing or raw candidates, then the
// serializer. Pure; the streaming writer calls it once per prompt.
import { promptTurns } from './conversation';
import { isSkip, type Format, type Row } from './formats/types';
import { pairCandidates } from './pair-dpo';
import type { ExportFilters } from './schemas';
import { selectCandidates, statusesFor, passesEvaluatorFilters, passesScoreFilter, bestFirst } from './select-candidates';
import type { ExportContext, ExportPrompt } from './types';

export type PromptRows = {
  rows: Row[];
  /** Runs whose candidates went into the rows (for the manifest's models). */
  runIds: number[];
  /** Reason → examples left out. */
  skipped: Record<string, number>;
};

export function rowsForPrompt(prompt: ExportPrompt, format: Format, filters: ExportFilters, ctx: ExportContext): PromptRows {
  const out: PromptRows = { rows: [], runIds: [], skipped: {} };
  const take = (result: Row | { skip: string }, runIds: number[]) => {
    if (isSkip(result)) out.skipped[result.skip] = (out.skipped[result.skip] ?? 0) + 1;
    else {
      out.rows.push(result);
      for (const id of runIds) if (!out.runIds.includes(id)) out.runIds.push(id);
    }
  };

  if (format.kind === 'sft') {
    for (const c of selectCandidates(prompt.candidates, filters)) take(format.row(promptTurns(prompt.messages, c, ctx), c.content), [c.runId]);
  } else if (format.kind === 'dpo') {
    for (const p of pairCandidates(prompt.candidates, filters, ctx.gates)) {
      if (p.chosen.runId !== p.rejected.runId && systemOf(p.chosen.runId, ctx) !== systemOf(p.rejected.runId, ctx)) {
        take({ skip: 'different-system-prompts' }, []);
        continue;
      }
      take(format.row(promptTurns(prompt.messages, p.chosen, ctx), p.chosen.content, p.rejected.content), [p.chosen.runId, p.rejected.runId]);
    }
  } else {
    // raw keeps every candidate the status/score/evaluator filters keep, in sample order (top-k applies best first).
    const statuses = statusesFor(filters.status);
    let kept = prompt.candidates.filter(
      (c) => (!statuses || statuses.includes(c.finalStatus)) && passesScoreFilter(c, filters.minScore) && passesEvaluatorFilters(c, filters.evaluators),
    );
    if (filters.topK) {
      const top = new Set(kept.toSorted(bestFirst).slice(0, filters.topK).map((c) => c.id));
      kept = kept.filter((c) => top.has(c.id));
    }
    for (const c of kept) take(format.row(prompt, c, ctx), [c.runId]);
  }
  return out;
}

function systemOf(runId: number, ctx: ExportContext): string {
  const s = ctx.runs.get(runId)?.params?.system;
  return typeof s === 'string' ? s : '';
}
