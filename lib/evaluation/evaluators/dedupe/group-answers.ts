// Groups a prompt's candidates by their final answer, with math-answer's extraction and equivalence
// (so "18", "$18.00" and "\boxed{18}" are one group). Groups are numbered by first appearance in
// sample order. Pure.
import { normalizedEqual } from '../../math-answer/answers-equal';
import { extractAnswer } from '../../math-answer/extract-answer';
import { normalizeAnswer, type NormalizedAnswer } from '../../math-answer/normalize-answer';

export interface AnswerGroupInfo {
  /** The extracted answer as written; null when the candidate has none. */
  answer: string | null;
  /** 0-based group number; null without an answer. */
  group: number | null;
  /** Members of the group (1 = the only one with this answer). */
  groupSize: number;
  /** Distinct answers among the prompt's candidates. */
  groups: number;
}

/** `contents` in sample order; one entry per content. */
export function groupAnswers(contents: readonly string[]): AnswerGroupInfo[] {
  const reps: NormalizedAnswer[] = [];
  const sizes: number[] = [];
  const picks = contents.map((text) => {
    const got = extractAnswer(text);
    if (!got) return { answer: null, group: null };
    const norm = normalizeAnswer(got.answer);
    let g = reps.findIndex((r) => normalizedEqual(r, norm));
    if (g === -1) {
      g = reps.length;
      reps.push(norm);
      sizes.push(0);
    }
    sizes[g]++;
    return { answer: got.answer, group: g };
  });
  return picks.map((p) => ({ ...p, groupSize: p.group === null ? 0 : sizes[p.group], groups: reps.length }));
}
