// Builders for the gate kinds' unit tests (not a test file itself).
import type { EvalCandidate, EvalPrompt, EvalResult, EvaluatorDefinition, EvalRuntime } from '../types';

export function prompt(reference: unknown, user = 'Solve it.'): EvalPrompt {
  return { id: 1, externalId: 'p1', messages: [{ role: 'user', content: user }], reference };
}

export function cands(...contents: string[]): EvalCandidate[] {
  return contents.map((content, i) => ({ id: i + 1, sampleIndex: i, runId: 1, content, contentHash: `h${i}`, model: null }));
}

const rt: EvalRuntime = { endpoint: async () => null, signal: new AbortController().signal };

/** Parses the config with the kind's schema (as the engine does), then evaluates. */
export async function run<C>(def: EvaluatorDefinition<C>, config: unknown, p: EvalPrompt, c: EvalCandidate[]): Promise<EvalResult[]> {
  return def.evaluate({ prompt: p, candidates: c, config: def.configSchema.parse(config) }, rt);
}

/** Runs one candidate and returns passed (null = evaluator error). */
export async function passes<C>(def: EvaluatorDefinition<C>, config: unknown, reference: unknown, content: string): Promise<boolean | null> {
  const [r] = await run(def, config, prompt(reference), cands(content));
  return r.passed;
}
