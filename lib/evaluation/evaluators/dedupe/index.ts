// dedupe: marks exact and near-duplicate candidates of a prompt (duplicateOfId → the first of the
// group) and records each candidate's final-answer group. It scores nothing: value and passed stay
// null, so it must not weigh in the aggregate (weight 0) and is never a gate; the policy's top-k step
// reads candidates.duplicate_of_id and never accepts two members of one group.
import type { EvalResult, EvaluatorDefinition } from '../types';
import { dedupeConfigSchema, type DedupeConfig } from './config';
import { findDuplicates, sampleOrder, type DuplicateAssignment } from './find-duplicates';
import { groupAnswers, type AnswerGroupInfo } from './group-answers';

function describe(a: DuplicateAssignment, g: AnswerGroupInfo | null, total: number): string {
  const parts: string[] = [];
  if (a.duplicateOf !== null) {
    parts.push(a.how === 'exact' ? `exact duplicate of #${a.duplicateOf}` : `duplicate of #${a.duplicateOf} (Jaccard ${a.jaccard!.toFixed(2)})`);
  } else if (a.duplicates.length) {
    parts.push(`first of ${a.duplicates.length + 1} duplicates (${a.duplicates.map((id) => `#${id}`).join(', ')})`);
  } else parts.push('unique');
  if (g) parts.push(g.answer === null ? 'no final answer' : `answer ${g.answer.length > 40 ? `${g.answer.slice(0, 39)}…` : g.answer} (${g.groupSize} of ${total})`);
  return parts.join('; ');
}

export const dedupeEvaluator: EvaluatorDefinition<DedupeConfig> = {
  kind: 'dedupe',
  defaultRole: 'score',
  /** Scores nothing: a weight above 0 would list it as "missing" for every candidate. */
  defaultWeight: 0,
  configSchema: dedupeConfigSchema,
  promptsPerJob: 200,
  /** Groups need every candidate of the prompt, not only the new ones. */
  wholePrompt: true,
  async evaluate({ candidates, config }): Promise<EvalResult[]> {
    const sorted = [...candidates].sort(sampleOrder);
    const dups = findDuplicates(sorted, config);
    const answers = config.answers ? groupAnswers(sorted.map((c) => c.content)) : null;
    return dups.map((a, i) => {
      const g = answers ? answers[i] : null;
      return {
        candidateId: a.id,
        value: null,
        passed: null,
        duplicateOfId: a.duplicateOf,
        rationale: describe(a, g, sorted.length),
        raw: {
          duplicate: a.how,
          jaccard: a.jaccard === null ? null : Math.round(a.jaccard * 1e4) / 1e4,
          duplicates: a.duplicates,
          ...(g ? { answer: g.answer, answerGroup: g.group, answerGroupSize: g.groupSize, answerGroups: g.groups } : {}),
        },
      };
    });
  },
};
