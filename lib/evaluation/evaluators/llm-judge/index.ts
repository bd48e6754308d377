import 'server-only';
import { openaiClient } from '../../../endpoints/openai-client';
import type { EvaluatorDefinition } from '../types';
import { llmJudgeConfigSchema, type LlmJudgeConfig } from './config';
import { errorResult, type JudgeContext } from './judge-context';
import { judgeGate } from './judge-limiter';
import { judgePairwise } from './judge-pairwise';
import { judgeSingle } from './judge-single';

/**
 * Limits of the in-process fallback gate: the evaluator's own, tightened by the endpoint's
 * max concurrency / RPM when the runtime's endpoint lookup includes them.
 */
export function localLimits(endpoint: object, config: Pick<LlmJudgeConfig, 'concurrency' | 'rpm'>): [number, number | null] {
  const e = endpoint as { maxConcurrency?: unknown; rpm?: unknown };
  const epMax = typeof e.maxConcurrency === 'number' && e.maxConcurrency > 0 ? e.maxConcurrency : Infinity;
  const epRpm = typeof e.rpm === 'number' && e.rpm > 0 ? e.rpm : null;
  const rpm = config.rpm === null ? epRpm : epRpm === null ? config.rpm : Math.min(config.rpm, epRpm);
  return [Math.min(config.concurrency, epMax), rpm];
}

/** Endpoints that refused response_format in this process: asked in plain text from then on. */
const noStructuredOutput = new Set<number>();

/**
 * llm-judge (score): MT-bench-style single grading (1…scale → 0..1) or pairwise win rate. Model
 * calls go through the openai client of lib/endpoints, paced per endpoint, retried on transient
 * errors; every failure or unreadable reply is an error result, never a score.
 */
export const llmJudgeEvaluator: EvaluatorDefinition<LlmJudgeConfig> = {
  kind: 'llm-judge',
  defaultRole: 'score',
  configSchema: llmJudgeConfigSchema,
  promptsPerJob: 4,
  /** Pairwise win rates compare every candidate of the prompt, so a re-run must see them all. */
  wholePrompt: (config) => config.mode === 'pairwise',
  async evaluate({ prompt, candidates, config }, rt) {
    if (candidates.length === 0) return [];
    const endpoint = await rt.endpoint(config.endpoint);
    if (!endpoint) return candidates.map((c) => errorResult(c.id, `no endpoint named "${config.endpoint}"`));
    const key = endpoint.apiKeyEnv ? process.env[endpoint.apiKeyEnv] : undefined;
    const ctx: JudgeContext = {
      config,
      model: endpoint.model,
      structured: config.structuredOutput && !noStructuredOutput.has(endpoint.id),
      structuredRejected: () => {
        noStructuredOutput.add(endpoint.id);
        ctx.structured = false;
      },
      call: {
        client: openaiClient(endpoint, { timeoutMs: config.timeoutMs }),
        gate: judgeGate(rt, endpoint.id, ...localLimits(endpoint, config)),
        signal: rt.signal,
        timeoutMs: config.timeoutMs,
        maxAttempts: config.maxAttempts,
        secrets: key ? [key] : [],
      },
    };
    if (config.mode === 'pairwise') return judgePairwise(ctx, prompt, candidates);
    return Promise.all(candidates.map((c) => judgeSingle(ctx, prompt, c)));
  },
};

/** Test hook: forget which endpoints refused structured output. */
export function resetStructuredOutputMemory() {
  noStructuredOutput.clear();
}
