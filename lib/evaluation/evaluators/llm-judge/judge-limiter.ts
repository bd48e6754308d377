import 'server-only';
import { RateLimiter } from '../../../generation/rate-limiter';
import type { EvalRuntime } from '../types';

/** A request slot (concurrency + RPM pacing) for one judge request. */
export interface JudgeLease {
  release(actualTokens?: number): void;
}

export interface JudgeGate {
  acquire(estimatedTokens: number, signal: AbortSignal): Promise<JudgeLease>;
  /** After a 429: everyone sharing the gate waits `ms`. */
  pause(ms: number): void;
}

/**
 * What a runtime may offer to pace judge requests with the generation engine's shared, cross-worker
 * EndpointGate. Optional: without it, an in-process limiter per endpoint (the evaluator's
 * `concurrency` and `rpm`) is used.
 */
export interface GatedEvalRuntime extends EvalRuntime {
  endpointGate?(endpointId: number): JudgeGate | null;
}

const local = new Map<string, RateLimiter>();

/** In-process gate shared by every judge call to the same endpoint with the same limits. */
export function localJudgeGate(endpointId: number, concurrency: number, rpm: number | null): JudgeGate {
  const key = `${endpointId}/${concurrency}/${rpm}`;
  let limiter = local.get(key);
  if (!limiter) {
    limiter = new RateLimiter({ limits: { rpm, tpm: null }, maxConcurrency: concurrency });
    local.set(key, limiter);
  }
  const l = limiter;
  return {
    async acquire(_tokens, signal) {
      const permit = await l.acquire({ requests: 1 }, signal);
      return { release: () => void permit.release().catch(() => {}) };
    },
    pause: (ms) => void l.pause(ms).catch(() => {}),
  };
}

export function judgeGate(rt: EvalRuntime, endpointId: number, concurrency: number, rpm: number | null): JudgeGate {
  return (rt as GatedEvalRuntime).endpointGate?.(endpointId) ?? localJudgeGate(endpointId, concurrency, rpm);
}
