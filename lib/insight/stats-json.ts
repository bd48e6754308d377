// The `winnow stats --json` shape: snake_case keys, stable for scripts.
import type { DatasetStats } from './get-dataset-stats';

export function statsJson(name: string, s: DatasetStats) {
  const a = s.agreement;
  return {
    dataset: name,
    candidates: s.counts.candidates,
    reviewed: s.counts.reviewed,
    policy: s.policy,
    agreement: {
      n: a.n,
      kappa: a.kappa,
      kappa_ci: a.kappaCi,
      accuracy: a.accuracy,
      accuracy_ci: a.accuracyCi,
      precision: a.precision,
      precision_ci: a.precisionCi,
      recall: a.recall,
      recall_ci: a.recallCi,
      confusion: a.confusion,
    },
    per_evaluator: s.perEvaluator.map((e) => ({ name: e.name, role: e.role, n: e.agreement.n, kappa: e.agreement.kappa, accuracy: e.agreement.accuracy, precision: e.agreement.precision, recall: e.agreement.recall })),
    reliability: s.reliability.aggregate.map((p) => ({ decile: p.decile, total: p.total, approved: p.approved, rate: p.rate })),
    suggested_threshold: s.threshold?.threshold ?? null,
    threshold_suggestion: s.threshold
      ? { threshold: s.threshold.threshold, mode: s.threshold.mode, current: s.policy?.threshold ?? null, would_accept: s.threshold.wouldAccept, would_reject: s.threshold.wouldReject, accuracy: s.threshold.suggested.accuracy, kappa: s.threshold.suggested.kappa, precision: s.threshold.suggested.precision }
      : null,
    yield_by_n: s.yieldByN.overall.map((p) => p.share),
    yield_by_n_per_run: s.yieldByN.runs.map((r) => ({ run: r.runId, label: r.label, yield_by_n: r.points.map((p) => p.share) })),
    accepted_per_dollar: s.cost.total.acceptedPerDollar,
    cost: {
      total_usd: s.cost.total.costUsd,
      accepted: s.cost.total.accepted,
      runs: s.cost.runs.map((r) => ({ run: r.key, candidates: r.candidates, accepted: r.accepted, acceptance_rate: r.acceptanceRate, prompt_tokens: r.promptTokens, completion_tokens: r.completionTokens, cost_usd: r.costUsd, accepted_per_dollar: r.acceptedPerDollar })),
      models: s.cost.models.map((r) => ({ model: r.key, candidates: r.candidates, accepted: r.accepted, cost_usd: r.costUsd, accepted_per_dollar: r.acceptedPerDollar })),
    },
    judge_consistency: { pairwise_inconsistent_share: s.consistency.pairwise.share, repeated_scores: s.consistency.repeated.scores, mean_spread: s.consistency.repeated.meanSpread },
    server_ms: s.serverMs,
  };
}
