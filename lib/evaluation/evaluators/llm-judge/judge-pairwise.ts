import 'server-only';
import type { EvalCandidate, EvalPrompt, EvalResult } from '../types';
import { buildPairwiseMessages } from './build-judge-messages';
import { callJudge } from './call-judge';
import { clipReply, errorResult, judgeRequest, type JudgeContext } from './judge-context';
import { choosePairs, tallyPairs, type PairOutcome } from './pairwise';
import { parsePairwiseVerdict, type Winner } from './parse-judge-reply';
import { verdictResponseFormat } from './response-formats';

interface Game {
  winner: Winner | null;
  error: string | null;
  rationale: string | null;
  reply: string | null;
}

async function play(ctx: JudgeContext, prompt: EvalPrompt, a: EvalCandidate, b: EvalCandidate): Promise<Game> {
  const built = buildPairwiseMessages(prompt, a.content, b.content, { ...ctx.config, structuredOutput: ctx.structured });
  const reply = await callJudge(judgeRequest(ctx, built.messages, verdictResponseFormat()), ctx.call);
  if (ctx.structured && !reply.structured) ctx.structuredRejected();
  if (!reply.ok) return { winner: null, error: `judge request failed: ${reply.error}`, rationale: null, reply: null };
  const v = parsePairwiseVerdict(reply.content);
  return v.ok ? { winner: v.winner, error: null, rationale: v.rationale, reply: null } : { winner: null, error: v.error, rationale: null, reply: clipReply(reply.content) };
}

/** Stable order: the first sample first, so pairs and reports do not depend on how rows were loaded. */
export function bySample(a: EvalCandidate, b: EvalCandidate): number {
  return a.sampleIndex - b.sampleIndex || a.runId - b.runId || a.id - b.id;
}

/**
 * Judges bounded pairs of the prompt's candidates, each pair in both orders, and scores every
 * candidate by its win rate (win 1, tie ½). Pairs whose two verdicts disagree flag both candidates.
 */
export async function judgePairwise(ctx: JudgeContext, prompt: EvalPrompt, candidates: EvalCandidate[]): Promise<EvalResult[]> {
  const cs = [...candidates].sort(bySample);
  if (cs.length < 2) return cs.map((c) => errorResult(c.id, 'pairwise judging needs at least two candidates for the prompt'));
  const pairs = choosePairs(cs.length, ctx.config.maxPairs);
  const games = await Promise.all(pairs.map(([i, j]) => Promise.all([play(ctx, prompt, cs[i], cs[j]), play(ctx, prompt, cs[j], cs[i])])));
  const outcomes: PairOutcome[] = pairs.map(([i, j], k) => ({ i, j, first: games[k][0].winner, second: games[k][1].winner }));
  const tally = tallyPairs(cs.length, outcomes);

  return cs.map((c, idx) => {
    const t = tally[idx];
    const verdicts = pairs.flatMap(([i, j], k) => {
      if (i !== idx && j !== idx) return [];
      const other = cs[i === idx ? j : i].id;
      const [g1, g2] = games[k];
      // g1 showed cs[i] as A; express each game from this candidate's side.
      const asA = i === idx ? g1 : g2;
      const asB = i === idx ? g2 : g1;
      return [
        { vs: other, position: 'A', winner: asA.winner, rationale: asA.rationale, error: asA.error, reply: asA.reply },
        { vs: other, position: 'B', winner: asB.winner, rationale: asB.rationale, error: asB.error, reply: asB.reply },
      ];
    });
    const inconsistent = t.inconsistentWith.map((k) => cs[k].id);
    const raw = { mode: 'pairwise', games: t.games, wins: t.wins, ties: t.ties, losses: t.losses, inconsistentWith: inconsistent, verdicts };
    if (t.winRate === null) {
      const first = verdicts.length === 0 ? `not compared with any other candidate (maxPairs ${ctx.config.maxPairs} reached)` : (verdicts.find((v) => v.error)?.error ?? 'no pairwise verdict');
      return { ...errorResult(c.id, first, raw), pairwiseInconsistent: false };
    }
    const opponents = [...new Set(verdicts.map((v) => `#${v.vs}`))].join(', ');
    const flag = inconsistent.length ? `; position-inconsistent vs ${inconsistent.map((id) => `#${id}`).join(', ')}` : '';
    const rationale = `won ${t.wins}, tied ${t.ties}, lost ${t.losses} of ${t.games} games (vs ${opponents})${flag}`;
    return { candidateId: c.id, value: t.winRate, passed: null, rationale, raw, pairwiseInconsistent: inconsistent.length > 0 };
  });
}
