import 'server-only';
import { Semaphore } from '../../../generation/rate-limiter';
import { renderQuestion, renderReference } from '../llm-judge/build-judge-messages';
import type { EvalCandidate, EvalResult, EvaluatorDefinition } from '../types';
import { isUrlAllowed } from '../../check-evaluator-hosts';
import { disallowedHostMessage } from './allowed-hosts';
import { buildBody, type BodyValues } from './build-body';
import { rewardModelConfigSchema, type RewardModelConfig } from './config';
import { normalizeScore } from './normalize-score';
import { postJson, type PostOptions } from './post-json';
import { parsePath, readPath } from './read-path';

function error(candidateId: number, message: string, raw?: unknown): EvalResult {
  return { candidateId, value: null, passed: null, error: message, ...(raw === undefined ? {} : { raw }) };
}

function scored(c: EvalCandidate, x: unknown, config: RewardModelConfig): EvalResult {
  const n = normalizeScore(x, config.normalize);
  const rawValue = typeof x === 'number' && Number.isFinite(x) ? x : null;
  if (!n.ok) return { ...error(c.id, n.error, { score: x ?? null }), rawValue };
  return { candidateId: c.id, value: n.value, passed: null, rationale: `reward ${Number((x as number).toPrecision(4))}`, raw: { score: x }, rawValue };
}

/**
 * reward-model (score): POSTs the prompt and candidate(s) to an HTTP scoring endpoint and maps the
 * score found at `responsePath` to 0..1. Batch mode sends every candidate of the prompt in one
 * request (vLLM's /score); otherwise one request per candidate, `concurrency` at a time.
 */
export const rewardModelEvaluator: EvaluatorDefinition<RewardModelConfig> = {
  kind: 'reward-model',
  defaultRole: 'score',
  configSchema: rewardModelConfigSchema,
  promptsPerJob: 8,
  async evaluate({ prompt, candidates, config }, rt) {
    if (candidates.length === 0) return [];
    // Checked when the evaluator is added or changed, and again here: configs can also arrive by a raw import.
    if (!(await isUrlAllowed(config.url))) return candidates.map((c) => error(c.id, `reward model request refused: ${disallowedHostMessage(config.url)}`));
    const key = config.apiKeyEnv ? process.env[config.apiKeyEnv] : undefined;
    if (config.apiKeyEnv && !key) return candidates.map((c) => error(c.id, `environment variable ${config.apiKeyEnv} is not set`));
    const post: PostOptions = {
      signal: rt.signal,
      timeoutMs: config.timeoutMs,
      maxAttempts: config.maxAttempts,
      headers: key ? { authorization: `Bearer ${key}` } : {},
      secrets: key ? [key] : [],
    };
    const path = parsePath(config.responsePath)!;
    const base: BodyValues = { prompt: renderQuestion(prompt.messages), model: config.model, reference: renderReference(prompt.reference) ?? '', messages: prompt.messages };

    if (config.batch) {
      const res = await postJson(config.url, buildBody(config.request, { ...base, candidates: candidates.map((c) => c.content) }), post);
      if (!res.ok) return candidates.map((c) => error(c.id, `reward model request failed: ${res.error}`));
      const scores = readPath(res.json, path);
      if (!Array.isArray(scores) || scores.length !== candidates.length) {
        const got = Array.isArray(scores) ? `${scores.length} scores` : 'no array';
        return candidates.map((c) => error(c.id, `the reward model's answer has ${got} at ${config.responsePath}, expected ${candidates.length}`));
      }
      return candidates.map((c, i) => scored(c, scores[i], config));
    }

    const slots = new Semaphore(config.concurrency);
    return Promise.all(
      candidates.map(async (c) => {
        const release = await slots.acquire(rt.signal);
        try {
          const res = await postJson(config.url, buildBody(config.request, { ...base, candidate: c.content }), post);
          if (!res.ok) return error(c.id, `reward model request failed: ${res.error}`);
          return scored(c, readPath(res.json, path), config);
        } finally {
          release();
        }
      }),
    );
  },
};
