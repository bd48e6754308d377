// The fake OpenAI-compatible server used by tests, benchmarks, the e2e suite and the demo.
export { startFakeOpenAI, type FakeOpenAIServer } from './server';
export { defaultOptions, type FakeOpenAIOptions, type FaultKind } from './options';
export type { Responder, ResponderContext } from './responder';
export type { FakeOpenAIStats, Outcome } from './stats';
export { defaultResponder } from './default-responder';
export { mathResponder, looksLikeMathProblem } from './math-responder';
export { judgeResponder, looksLikeJudgeRequest } from './judge-responder';
export { genericResponder } from './generic-responder';
export { approxTokens } from './tokens';
export { loadAnswers } from './load-answers';
