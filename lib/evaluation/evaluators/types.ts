// The contract every evaluator kind implements. An evaluator sees one prompt with all of its
// candidates at once (dedupe and pairwise judging need the whole group) and returns one result per
// candidate it scored. The engine (lib/evaluation/judge) loads the inputs, calls evaluate(), and
// upserts Score rows keyed by (candidate, evaluator); it never interprets the kind itself.
import type { z } from 'zod';

export type EvaluatorKind =
  | 'math-answer'
  | 'exact'
  | 'contains'
  | 'regex'
  | 'json-schema'
  | 'length'
  | 'code-tests'
  | 'llm-judge'
  | 'reward-model'
  | 'dedupe'
  | 'imported';

export interface ChatMessage {
  role: string;
  content: string;
}

export interface EvalCandidate {
  id: number;
  sampleIndex: number;
  runId: number;
  content: string;
  contentHash: string;
  model: string | null;
  /** Completion tokens as reported by the provider, when known (the `length` gate counts tokens with it). */
  completionTokens?: number | null;
}

export interface EvalPrompt {
  id: number;
  externalId: string;
  messages: ChatMessage[];
  /** Expected answer (string) or an object such as {test, entry_point}; null when absent. */
  reference: unknown;
}

/** One Score row to write. value is 0..1 (null when the evaluator errored or gives no number). */
export interface EvalResult {
  candidateId: number;
  value: number | null;
  passed: boolean | null;
  rationale?: string | null;
  /** Anything worth keeping for explanation/insight (extracted answers, raw judge output …). */
  raw?: unknown;
  /**
   * The evaluator's own number before normalisation to 0..1 (reward models, imported scores). Kept
   * even when normalising it failed, so a config change re-normalises instead of re-scoring.
   */
  rawValue?: number | null;
  /** Set when the evaluator could not score this candidate; never combined with a value. */
  error?: string | null;
  /** dedupe only: the candidate this one duplicates (written to candidates.duplicate_of_id). */
  duplicateOfId?: number | null;
  /** pairwise llm-judge only: this candidate's pairwise verdicts contradict each other. */
  pairwiseInconsistent?: boolean;
}

/** What an evaluator may use besides its inputs: model calls go through the generation engine's limits. */
export interface EvalRuntime {
  /** Resolves an endpoint by name (llm-judge, reward-model). */
  endpoint(name: string): Promise<{ id: number; name: string; baseUrl: string; model: string; apiKeyEnv: string | null } | null>;
  signal: AbortSignal;
}

export interface EvaluatorDefinition<C = unknown> {
  kind: EvaluatorKind;
  /** gate or score when the user does not say. */
  defaultRole: 'gate' | 'score';
  /** Parses the evaluator's config (JSON from the UI/CLI); errors name the field. */
  configSchema: z.ZodType<C>;
  /** Prompts evaluated per job: cheap pure evaluators take many, model calls few. */
  promptsPerJob: number;
  /**
   * true: evaluate() always receives every candidate of the prompt (dedupe, pairwise judging), and
   * the engine writes every result it returns. false/absent: only the candidates still lacking this
   * evaluator's score (or whose score errored) are passed, so a re-run never pays twice.
   */
  wholePrompt?: boolean | ((config: C) => boolean);
  /** Weight when the user does not say (dedupe scores nothing, so it must not weigh in: 0). */
  defaultWeight?: number;
  evaluate(input: { prompt: EvalPrompt; candidates: EvalCandidate[]; config: C }, rt: EvalRuntime): Promise<EvalResult[]>;
}
