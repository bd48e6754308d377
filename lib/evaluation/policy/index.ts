// The acceptance policy core: pure functions, no I/O. The DB layer streams rows through deriveDataset.
export { aggregateScores, type AggregateResult, type ScoreEvaluatorRef } from './aggregate-scores';
export { deriveDataset, deriveDatasetAsync, type CandidateRow, type PromptOutcome } from './derive-dataset';
export { derivePromptVerdicts, deriveVerdicts } from './derive-verdicts';
export { explainPrompt, explainVerdict, FLAG_LABELS } from './explain';
export { preparePolicy, JUDGE_KIND, type PlanEvaluator, type PolicyPlan } from './prepare-policy';
export {
  DEFAULT_POLICY,
  parsePolicy,
  PolicyError,
  policySchema,
  safeParsePolicy,
  type Policy,
  type PolicyInput,
  type PolicyParseResult,
} from './schemas';
export type * from './types';
