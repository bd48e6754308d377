import { formatThreshold } from './format-score';
import type { Policy } from './schemas';
import type { PolicyEvaluator } from './types';

export interface PlanEvaluator {
  id: number;
  name: string;
  weight: number;
  isJudge: boolean;
}

/** A policy resolved against a dataset's evaluators once, then applied to every prompt. */
export interface PolicyPlan {
  policy: Policy;
  /** Evaluators acting as gates, in evaluator order (the order reasons name the first failure in). */
  gates: readonly PlanEvaluator[];
  /** "math-answer, json-schema", precomputed for reasons. */
  gateNames: string;
  /** The threshold as reasons write it ("0.50"), precomputed: formatting is the hot path's main cost. */
  thresholdText: string;
  /** Role-score evaluators with weight > 0: the ones the aggregate is made of. */
  scores: readonly PlanEvaluator[];
  /** llm-judge evaluators with a value to compare against the gates. */
  judges: readonly PlanEvaluator[];
  /** Gates that are not themselves judges (a judge used as a gate cannot disagree with itself). */
  nonJudgeGates: readonly PlanEvaluator[];
}

export const JUDGE_KIND = 'llm-judge';

/**
 * Resolves which evaluators gate and which score. `gates: 'all'` means every role-gate evaluator;
 * a list of names makes exactly those evaluators gates, whatever their role — so a policy change can
 * promote a scorer to a gate without touching the evaluator. Role-gate evaluators left out of the
 * list are ignored (they never feed the aggregate). A role-score evaluator named as a gate both gates
 * and scores. Throws when the policy names an evaluator the dataset lacks: silently skipping it would
 * accept candidates the curator meant to filter.
 */
export function preparePolicy(policy: Policy, evaluators: readonly PolicyEvaluator[]): PolicyPlan {
  const byName = new Map(evaluators.map((e) => [e.name, e]));
  if (policy.gates !== 'all') {
    const unknown = policy.gates.filter((n) => !byName.has(n));
    if (unknown.length > 0) {
      const known = evaluators.map((e) => e.name).join(', ') || 'none';
      throw new Error(`The policy names gate ${unknown.map((n) => `"${n}"`).join(', ')}, but the dataset has no such evaluator (it has: ${known})`);
    }
  }
  const named = policy.gates === 'all' ? null : new Set(policy.gates);
  const plan = (e: PolicyEvaluator): PlanEvaluator => ({ id: e.id, name: e.name, weight: e.weight, isJudge: e.kind === JUDGE_KIND });
  const gates = evaluators.filter((e) => (named ? named.has(e.name) : e.role === 'gate')).map(plan);
  const scores = evaluators.filter((e) => e.role === 'score' && e.weight > 0 && Number.isFinite(e.weight)).map(plan);
  return {
    policy,
    gates,
    gateNames: gates.map((g) => g.name).join(', '),
    thresholdText: formatThreshold(policy.threshold),
    scores,
    judges: evaluators.filter((e) => e.kind === JUDGE_KIND).map(plan),
    nonJudgeGates: gates.filter((g) => !g.isJudge),
  };
}
