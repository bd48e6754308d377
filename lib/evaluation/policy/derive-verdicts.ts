import { aggregateScores } from './aggregate-scores';
import { formatScore, meetsThreshold } from './format-score';
import { preparePolicy, type PlanEvaluator, type PolicyPlan } from './prepare-policy';
import type { Policy } from './schemas';
import type { CandidateVerdict, PolicyCandidate, PolicyEvaluator, PromptFlag, PromptResult, PolicyScore } from './types';

/**
 * A gate score with `passed` null but a value (e.g. a judge used as a gate) passes at ≥ 0.5.
 * Evaluators meant as gates should set `passed`; this is only a fallback.
 */
const GATE_VALUE_PASS = 0.5;

/** Convenience form: resolves the policy for this one call. Streams should prepare once instead. */
export function deriveVerdicts(
  policy: Policy,
  evaluators: readonly PolicyEvaluator[],
  candidates: readonly PolicyCandidate[],
): PromptResult {
  return derivePromptVerdicts(preparePolicy(policy, evaluators), candidates);
}

interface Work {
  c: PolicyCandidate;
  out: CandidateVerdict;
  /** Passed every gate and the threshold; top-k and dedupe are still to come. */
  eligible: boolean;
  gatePasses: number;
}

/**
 * Derives auto verdicts, ranks and the prompt summary for one prompt's candidates. Pure and
 * deterministic: the same candidates in any order give the same result. Results are in input order.
 */
export function derivePromptVerdicts(plan: PolicyPlan, candidates: readonly PolicyCandidate[]): PromptResult {
  const { policy } = plan;
  const n = candidates.length;
  const work: Work[] = new Array(n);
  let disagree = false;
  let pairwise = false;
  for (let i = 0; i < n; i++) {
    const c = candidates[i];
    const w = judgeCandidate(plan, c);
    work[i] = w;
    if (c.pairwiseInconsistent) pairwise = true;
    if (!disagree && plan.judges.length > 0 && plan.nonJudgeGates.length > 0) disagree = gateJudgeDisagree(plan, c);
  }

  const ranked = work.slice().sort(compareWork);
  for (let r = 0; r < n; r++) ranked[r].out.rank = r + 1;

  // Top-k in rank order. Duplicates are checked against accepted candidates only: by content hash,
  // and by duplicateOfId in either direction (a → b, b → a, or both → the same original).
  const k = policy.topK;
  let accepted = 0;
  let acceptedHashes: Map<string, number> | null = null;
  let acceptedIds: Map<number, number> | null = null;
  for (let r = 0; r < n; r++) {
    const w = ranked[r];
    if (!w.eligible) continue;
    const c = w.c;
    const out = w.out;
    if (policy.dedupe && accepted > 0) {
      const dupOf =
        acceptedHashes!.get(c.contentHash) ??
        acceptedIds!.get(c.id) ??
        (c.duplicateOfId != null ? acceptedIds!.get(c.duplicateOfId) : undefined);
      if (dupOf !== undefined) {
        out.autoVerdict = 'rejected';
        out.code = 'duplicate';
        out.reason = `duplicate of candidate #${dupOf}`;
        continue;
      }
    }
    if (k > 0 && accepted >= k) {
      out.autoVerdict = 'rejected';
      out.code = 'beyond-top-k';
      out.reason = `not in top ${k} (rank ${out.rank})`;
      continue;
    }
    out.autoVerdict = 'accepted';
    out.code = 'accepted';
    accepted++;
    if (policy.dedupe) {
      (acceptedHashes ??= new Map()).set(c.contentHash, c.id);
      acceptedIds ??= new Map();
      acceptedIds.set(c.id, c.id);
      if (c.duplicateOfId != null) acceptedIds.set(c.duplicateOfId, c.id);
    }
  }

  // Margin between the two best aggregates in rank order (may be negative when a better-scored
  // candidate was gated out below a worse-scored one — itself worth a curator's look).
  let topScore: number | null = null;
  let margin: number | null = null;
  let pending = 0;
  for (let r = 0; r < n; r++) {
    const a = ranked[r].out.aggregate;
    if (a === null) continue;
    if (topScore === null) topScore = a;
    else {
      margin = topScore - a;
      break;
    }
  }
  for (let i = 0; i < n; i++) if (work[i].out.autoVerdict === 'pending') pending++;

  const flags: PromptFlag[] = [];
  if (disagree) flags.push('gate-judge-disagree');
  if (pairwise) flags.push('pairwise-inconsistent');
  // "No accepted" is a finding only once nothing is pending; until then it is just unfinished work.
  if (n > 0 && accepted === 0 && pending === 0) flags.push('no-accepted');
  if (n > 0 && pending === n) flags.push('all-pending');

  const out: CandidateVerdict[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = work[i].out;
  return { candidates: out, prompt: { acceptedCount: accepted, topScore, margin, flags } };
}

/** Eligible first, more gates passed, higher aggregate (null last), then identity: a total order. */
function compareWork(a: Work, b: Work): number {
  if (a.eligible !== b.eligible) return a.eligible ? -1 : 1;
  if (a.gatePasses !== b.gatePasses) return b.gatePasses - a.gatePasses;
  const x = a.out.aggregate;
  const y = b.out.aggregate;
  if (x !== y) {
    if (x === null) return 1;
    if (y === null) return -1;
    return y - x;
  }
  return a.c.sampleIndex - b.c.sampleIndex || a.c.runId - b.c.runId || a.c.id - b.c.id;
}

function gatePassed(s: PolicyScore): boolean | null {
  return s.passed ?? (s.value != null && !Number.isNaN(s.value) ? s.value >= GATE_VALUE_PASS : null);
}

/**
 * Verdict of one candidate before top-k. Order of precedence: a failed or errored gate (first in
 * evaluator order) rejects at once, even while other evaluators are still running — nothing can
 * rescue it. A final score below the threshold also rejects at once. Otherwise a gate or score
 * evaluator that has not produced a row yet keeps the candidate pending, so partial scoring never
 * accepts a candidate that a later score would push out.
 */
function judgeCandidate(plan: PolicyPlan, c: PolicyCandidate): Work {
  const { policy, gates } = plan;
  let gatePasses = 0;
  let missingGate: PlanEvaluator | null = null;
  let badReason: string | null = null;
  let badCode: 'gate-failed' | 'gate-errored' = 'gate-failed';
  for (let i = 0; i < gates.length; i++) {
    const g = gates[i];
    const s = c.scores.get(g.id);
    if (s === undefined) {
      missingGate ??= g;
      continue;
    }
    // An errored gate rejects rather than waits: the error is a result, and waiting on it would
    // leave the candidate pending forever. Re-running the evaluator re-derives the verdict.
    const passed = s.error != null ? null : gatePassed(s);
    if (passed === true) gatePasses++;
    else if (badReason === null) {
      if (passed === false) badReason = s.rationale ? `failed gate ${g.name}: ${s.rationale}` : `failed gate ${g.name}`;
      else {
        badCode = 'gate-errored';
        badReason = s.error != null ? `gate ${g.name} errored: ${s.error}` : `gate ${g.name} errored: no result`;
      }
    }
  }

  let missingScore: PlanEvaluator | null = null;
  for (let i = 0; i < plan.scores.length; i++) {
    if (!c.scores.has(plan.scores[i].id)) {
      missingScore = plan.scores[i];
      break;
    }
  }
  const { aggregate, missing } = aggregateScores(plan.scores, c.scores);
  // Evaluators not yet run are "pending", not "excluded": report only those that ran and gave nothing.
  const excluded = missingScore === null ? missing : missing.filter((name) => plan.scores.some((e) => e.name === name && c.scores.has(e.id)));

  const out: CandidateVerdict = { id: c.id, aggregate, autoVerdict: 'rejected', rank: 0, reason: '', code: 'gate-failed', excluded };
  const w: Work = { c, out, eligible: false, gatePasses };
  if (badReason !== null) {
    out.code = badCode;
    out.reason = badReason;
    return w;
  }
  if (missingScore === null) {
    if (aggregate === null && (plan.scores.length > 0 || policy.requireScore)) {
      out.code = 'no-score';
      out.reason = plan.scores.length > 0 ? noScoreReason(plan, c) : 'no score evaluator, and the policy requires a score';
      return w;
    }
    if (aggregate !== null && !meetsThreshold(aggregate, policy.threshold)) {
      out.code = 'below-threshold';
      out.reason = `score ${formatScore(aggregate, policy.threshold)} below threshold ${plan.thresholdText}`;
      return w;
    }
  }
  if (missingGate !== null || missingScore !== null) {
    out.autoVerdict = 'pending';
    out.code = missingGate !== null ? 'pending-gate' : 'pending-score';
    out.reason = missingGate !== null ? `waiting for gate ${missingGate.name}` : `waiting for score ${missingScore!.name}`;
    return w;
  }
  w.eligible = true;
  out.reason = acceptedReason(plan, aggregate);
  return w;
}

/** Stored for an eligible candidate; top-k/dedupe overwrite it if it does not make the cut. */
function acceptedReason(plan: PolicyPlan, aggregate: number | null): string {
  const t = plan.policy.threshold;
  const score = aggregate === null ? 'no score (gates only)' : `score ${formatScore(aggregate, t)} ≥ ${plan.thresholdText}`;
  return plan.gates.length > 0 ? `passed ${plan.gateNames}; ${score}` : score;
}

function noScoreReason(plan: PolicyPlan, c: PolicyCandidate): string {
  const why = plan.scores.map((e) => {
    const s = c.scores.get(e.id);
    return s?.error != null ? `${e.name} errored: ${s.error}` : `${e.name} gave no value`;
  });
  return `no score: ${why.join('; ')}`;
}

/**
 * True when the non-judge gates and a judge disagree on this candidate: every such gate passed but a
 * judge says bad, or one failed while a judge says good. Errored or missing results never count.
 */
function gateJudgeDisagree(plan: PolicyPlan, c: PolicyCandidate): boolean {
  let allPassed = true;
  let anyFailed = false;
  for (let i = 0; i < plan.nonJudgeGates.length; i++) {
    const s = c.scores.get(plan.nonJudgeGates[i].id);
    const p = s === undefined || s.error != null ? null : gatePassed(s);
    if (p !== true) allPassed = false;
    if (p === false) anyFailed = true;
  }
  if (!allPassed && !anyFailed) return false;
  const t = plan.policy.judgeAgreeThreshold;
  for (let i = 0; i < plan.judges.length; i++) {
    const s = c.scores.get(plan.judges[i].id);
    if (s === undefined || s.error != null || s.value == null || Number.isNaN(s.value)) continue;
    const good = s.value >= t;
    if (allPassed ? !good : good) return true;
  }
  return false;
}
