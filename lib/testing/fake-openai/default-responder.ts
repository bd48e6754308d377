// The default responder: judge requests first (a judge prompt usually contains a math problem and
// its answer, so it must not be mistaken for one), then math word problems, then anything else.
import { genericResponder } from './generic-responder';
import { judgeResponder, looksLikeJudgeRequest } from './judge-responder';
import { looksLikeMathProblem, mathResponder } from './math-responder';
import type { Responder } from './responder';

export const defaultResponder: Responder = (ctx) => {
  if (looksLikeJudgeRequest(ctx)) return judgeResponder(ctx);
  if (ctx.answer !== undefined || looksLikeMathProblem(ctx.prompt)) return mathResponder(ctx);
  return genericResponder(ctx);
};
