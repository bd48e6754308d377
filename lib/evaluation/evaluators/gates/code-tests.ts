// code-tests (gate): runs the candidate against the prompt's tests in the sandbox (lib/sandbox pool).
import { codeTestsConfigSchema, type CodeTestsConfig } from '../../code-tests/config';
import { evaluateCodeTests, type RunProgram } from '../../code-tests/evaluate-code-tests';
import { CodeTestsReferenceError } from '../../code-tests/reference';
import type { EvalPrompt, EvaluatorDefinition } from '../types';
import { gateError, gateResult } from './shared';

/** The code prompt a humaneval-mode completion continues: the last user message. */
function promptText(prompt: EvalPrompt): string | undefined {
  for (let i = prompt.messages.length - 1; i >= 0; i--) if (prompt.messages[i].role === 'user') return prompt.messages[i].content;
  return undefined;
}

/** The runner is replaceable for tests; by default the process-wide sandbox pool. */
export function createCodeTestsEvaluator(run?: RunProgram): EvaluatorDefinition<CodeTestsConfig> {
  return {
    kind: 'code-tests',
    defaultRole: 'gate',
    configSchema: codeTestsConfigSchema,
    promptsPerJob: 8,
    async evaluate({ prompt, candidates, config }) {
      // All candidates at once: the pool runs as many as there are cores and queues the rest.
      return Promise.all(
        candidates.map(async (c) => {
          try {
            const v = await evaluateCodeTests({ candidate: c.content, reference: prompt.reference, prompt: promptText(prompt) }, config, run);
            return gateResult(c, v.passed, v.reason, v.raw);
          } catch (e) {
            if (e instanceof CodeTestsReferenceError) return gateError(c, e.message);
            return gateError(c, `sandbox: ${(e as Error).message}`);
          }
        }),
      );
    },
  };
}

export const codeTestsEvaluator = createCodeTestsEvaluator();
