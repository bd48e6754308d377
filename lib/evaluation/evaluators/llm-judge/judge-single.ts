import 'server-only';
import type { EvalCandidate, EvalPrompt, EvalResult } from '../types';
import { buildSingleMessages } from './build-judge-messages';
import { callJudge } from './call-judge';
import { clipReply, errorResult, judgeRequest, type JudgeContext } from './judge-context';
import { parseJudgeScore } from './parse-judge-reply';
import { scoreResponseFormat } from './response-formats';

/** Grades one candidate on 1…scale. Provider failures and unparseable replies become an error result. */
export async function judgeSingle(ctx: JudgeContext, prompt: EvalPrompt, c: EvalCandidate): Promise<EvalResult> {
  const { config } = ctx;
  const built = buildSingleMessages(prompt, c.content, { ...config, structuredOutput: ctx.structured });
  const reply = await callJudge(judgeRequest(ctx, built.messages, scoreResponseFormat(config.scale)), ctx.call);
  if (ctx.structured && !reply.structured) ctx.structuredRejected();
  if (!reply.ok) return errorResult(c.id, `judge request failed: ${reply.error}`, { kind: reply.kind, attempts: reply.attempts });
  const raw = { reply: clipReply(reply.content), model: reply.model, template: built.template, usedReference: built.usedReference, scale: config.scale, attempts: reply.attempts, finishReason: reply.finishReason };
  const parsed = parseJudgeScore(reply.content, config.scale);
  if (!parsed.ok) {
    const cut = reply.finishReason === 'length' ? ` (the reply was cut off at maxTokens ${config.maxTokens})` : '';
    return errorResult(c.id, `${parsed.error}${cut}`, raw);
  }
  return { candidateId: c.id, value: parsed.value, passed: null, rationale: parsed.rationale, raw: { ...raw, score: parsed.score, how: parsed.how } };
}
