// What the UI and CLI say about each kind: a label, one line of help and an example config.
// Pure data (importable from client components).
import type { EvaluatorKind } from './types';

export interface KindInfo {
  label: string;
  help: string;
  example: Record<string, unknown>;
}

export const KIND_INFO: Record<EvaluatorKind, KindInfo> = {
  'math-answer': {
    label: 'Math answer',
    help: 'Final answer (\\boxed{}, ####, "A: n", "the answer is", last number) equals the reference answer.',
    example: {},
  },
  exact: { label: 'Exact match', help: 'The answer equals the expected text (the reference unless config.expected is set).', example: { caseSensitive: false } },
  contains: { label: 'Contains', help: 'The answer contains a text (or, with negate, does not).', example: { text: 'therefore', caseSensitive: false } },
  regex: { label: 'Regex', help: 'The answer matches a regular expression.', example: { pattern: '^Answer: \\d+$', flags: 'm' } },
  'json-schema': {
    label: 'JSON Schema',
    help: 'The answer (or its first code block) is JSON valid against a schema.',
    example: { schema: { type: 'object', required: ['answer'], properties: { answer: { type: 'string' } } } },
  },
  length: { label: 'Length', help: 'Length in characters or tokens within min/max.', example: { min: 20, max: 4000, unit: 'chars' } },
  'code-tests': {
    label: 'Code tests',
    help: "Runs the prompt's tests (reference.test + entry_point) against the code in a sandbox.",
    example: { mode: 'full', language: 'python', timeoutMs: 5000 },
  },
  'llm-judge': { label: 'LLM judge', help: 'A rubric prompt sent to an endpoint; score 1–10 normalised to 0..1, with a rationale.', example: { endpoint: 'judge' } },
  'reward-model': { label: 'Reward model', help: 'An HTTP scoring endpoint (vLLM pooling/score style).', example: { url: 'http://127.0.0.1:8000/score' } },
  imported: { label: 'Imported scores', help: 'Scores imported with the candidates (`scores: {name: value}`).', example: { name: 'reward' } },
  dedupe: { label: 'Dedupe', help: 'Marks exact and near-duplicate candidates within a prompt.', example: { threshold: 0.8 } },
};
