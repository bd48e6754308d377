// The model-based and grouping evaluator kinds (lane B2), for the registry.
export { llmJudgeEvaluator } from './llm-judge';
export { rewardModelEvaluator } from './reward-model';
export { importedEvaluator } from './imported';
export { dedupeEvaluator } from './dedupe';
