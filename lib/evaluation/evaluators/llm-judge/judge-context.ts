import 'server-only';
import type OpenAI from 'openai';
import type { EvalResult } from '../types';
import type { JudgeCallOptions, JudgeRequest } from './call-judge';
import type { LlmJudgeConfig } from './config';

/** Everything a single or pairwise judging pass needs, resolved once per prompt. */
export interface JudgeContext {
  config: LlmJudgeConfig;
  model: string;
  call: Omit<JudgeCallOptions, 'client'> & { client: OpenAI };
  /** Whether to send response_format (false once the endpoint has refused it). */
  structured: boolean;
  /** The endpoint refused response_format: stop asking for the rest of this process. */
  structuredRejected(): void;
}

/** Raw judge text kept with a score, capped: enough to explain, not a second copy of the model output. */
export const MAX_RAW_REPLY = 4000;

export function clipReply(text: string): string {
  return text.length > MAX_RAW_REPLY ? `${text.slice(0, MAX_RAW_REPLY - 1)}…` : text;
}

export function errorResult(candidateId: number, error: string, raw?: unknown): EvalResult {
  return { candidateId, value: null, passed: null, error, ...(raw === undefined ? {} : { raw }) };
}

export function judgeRequest(ctx: JudgeContext, messages: JudgeRequest['messages'], responseFormat: JudgeRequest['responseFormat']): JudgeRequest {
  return { model: ctx.model, messages, temperature: ctx.config.temperature, maxTokens: ctx.config.maxTokens, responseFormat: ctx.structured ? responseFormat : null };
}
