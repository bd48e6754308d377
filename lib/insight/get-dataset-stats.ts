import 'server-only';
// Everything the Insight page and `winnow stats` show for one dataset: agreement with curators,
// calibration, the threshold suggestion, yield by N, cost and score distributions. Figures over all
// candidates and scores come from summary tables kept exact by triggers (query-summaries.ts), or, with
// `recompute`, from the base tables (query-base.ts); reviewed candidates are read directly
// (query-stats.ts). This file assembles the small results with the pure cores.
import { safeParsePolicy } from '../evaluation/policy/schemas';
import { EMPTY_CONFUSION, measureAgreement, tally, type Agreement, type Confusion } from './agreement';
import { judgeConsistency, type JudgeConsistency } from './consistency';
import { costLine, rollUp, type CostLine, type CostRow } from './cost';
import { buildHistograms, type EvaluatorHistogram } from './histograms';
import { baseSource } from './query-base';
import { queryEvaluators, queryPromptFlags, queryRuns } from './query-stats';
import { compactLater, summarySource } from './query-summaries';
import { reliabilityCurve, type ReliabilityPoint } from './reliability';
import { BINS, suggestThreshold, type ReviewedCounts, type ThresholdSuggestion } from './threshold-search';
import { yieldCurve, type YieldPoint } from './yield-by-n';

export interface EvaluatorAgreement {
  evaluatorId: number;
  name: string;
  role: string;
  agreement: Agreement;
}

export interface RunYield {
  runId: number;
  label: string;
  model: string | null;
  points: YieldPoint[];
}

export interface DatasetStats {
  datasetId: number;
  policy: { threshold: number; topK: number; gates: string[] | 'all' } | null;
  policyError: string | null;
  counts: { candidates: number; reviewed: number; byStatus: Record<string, number>; pendingReviewed: number };
  agreement: Agreement;
  perEvaluator: EvaluatorAgreement[];
  reliability: { aggregate: ReliabilityPoint[]; evaluators: { evaluatorId: number; name: string; points: ReliabilityPoint[] }[] };
  threshold: ThresholdSuggestion | null;
  targetPrecision: number | null;
  yieldByN: { overall: YieldPoint[]; runs: RunYield[] };
  cost: { runs: CostLine[]; models: CostLine[]; endpoints: CostLine[]; total: CostLine };
  /** Exact: every score counts (the summaries are maintained on every write). */
  histograms: { evaluators: EvaluatorHistogram[]; sampledPercent: number };
  consistency: JudgeConsistency;
  /** Time to produce these figures. */
  serverMs: number;
  /** Where the figures over all candidates came from: the maintained summaries, or a full recomputation. */
  source: 'summaries' | 'recomputed';
  /** Always null now: figures are never cached (kept for clients of the JSON shape). */
  cachedAt: string | null;
  /** Verdicts are being re-derived right now: figures are mid-change until it finishes. */
  rederiving?: boolean;
}

const JUDGE_KIND = 'llm-judge';
const isPairwise = (config: unknown) => {
  const c = (config ?? {}) as Record<string, unknown>;
  return c.mode === 'pairwise' || c.pairwise === true;
};

export async function getDatasetStats(datasetId: number, opts: { policy: unknown; targetPrecision?: number | null; recompute?: boolean }): Promise<DatasetStats> {
  const started = performance.now();
  const parsed = safeParsePolicy(opts.policy);
  const policy = parsed.ok ? parsed.policy : null;
  const topK = policy?.topK ?? 0;
  const threshold = policy?.threshold ?? 0.5;

  const src = opts.recompute ? baseSource : summarySource;
  const [evaluators, runs] = await Promise.all([queryEvaluators(datasetId), queryRuns(datasetId)]);
  const judgeIds = evaluators.filter((e) => e.kind === JUDGE_KIND).map((e) => e.id);
  const pairwiseJudge = evaluators.some((e) => e.kind === JUDGE_KIND && isPairwise(e.config));

  const [reviewed, evalReviewed, groupRows, binRows, yieldRows, flags, hist, spreads] = await Promise.all([
    src.reviewed(datasetId, topK),
    src.evaluatorReviewed(datasetId),
    src.costCells(datasetId),
    src.unreviewedBins(datasetId, topK),
    src.yieldCells(datasetId),
    pairwiseJudge ? queryPromptFlags(datasetId) : Promise.resolve({ inconsistent: 0, prompts: 0 }),
    src.histCells(datasetId, evaluators.map((e) => e.id)),
    src.spreadCells(datasetId, judgeIds),
  ]);
  // One order whatever the source, so float sums come out the same to the last bit.
  const groups = [...groupRows].sort((a, b) => a.runId - b.runId || (a.model ?? '').localeCompare(b.model ?? '') || Number(a.model === null) - Number(b.model === null) || a.status.localeCompare(b.status));
  if (!opts.recompute) compactLater(datasetId, reviewed.length + evalReviewed.length + groups.length + binRows.length + yieldRows.length + hist.length + spreads.length);
  const byStatus: Record<string, number> = { pending: 0, accepted: 0, rejected: 0, approved: 0 };
  for (const g of groups) byStatus[g.status] = (byStatus[g.status] ?? 0) + g.n;
  const candidates = groups.reduce((s, g) => s + g.n, 0);

  // Agreement, threshold input and aggregate reliability from the reviewed rows.
  let confusion: Confusion = EMPTY_CONFUSION;
  let pendingReviewed = 0;
  let reviewedTotal = 0;
  const bins: ReviewedCounts[] = Array.from({ length: BINS }, () => ({ approved: 0, rejected: 0 }));
  const alwaysAccept = { approved: 0, rejected: 0 };
  const alwaysReject = { approved: 0, rejected: 0 };
  const relAggregate: { value: number; approved: number; total: number }[] = [];
  for (const r of reviewed) {
    reviewedTotal += r.n;
    const approved = r.verdict === 'approved';
    if (r.bin !== null) relAggregate.push({ value: r.bin / 1000, approved: approved ? r.n : 0, total: r.n });
    if (r.auto === 'pending') {
      pendingReviewed += r.n;
      continue;
    }
    confusion = tally(confusion, r.auto === 'accepted', approved, r.n);
    const key = approved ? 'approved' : 'rejected';
    if ((r.cls === 1 || r.cls === 2) && r.inTop && r.bin !== null) bins[Math.min(BINS - 1, r.bin)][key] += r.n;
    else if (r.cls === 1 && r.inTop) alwaysAccept[key] += r.n;
    else alwaysReject[key] += r.n;
  }
  const unreviewedBins = new Array<number>(BINS).fill(0);
  for (const r of binRows) unreviewedBins[Math.min(BINS - 1, Math.max(0, r.bin))] += r.n;
  const suggestion = policy
    ? suggestThreshold({ reviewed: bins, alwaysAccept, alwaysReject, unreviewed: unreviewedBins, current: threshold, targetPrecision: opts.targetPrecision ?? null })
    : null;

  // Per evaluator: its own verdict (passed, else value ≥ threshold — 0.5 for gates) against curators.
  const perEval = new Map<number, Confusion>();
  const relEval = new Map<number, { value: number; approved: number; total: number }[]>();
  for (const r of evalReviewed) {
    const e = evaluators.find((x) => x.id === r.evaluatorId);
    if (!e) continue;
    const approved = r.verdict === 'approved';
    const value = r.bin === null ? null : r.bin / 1000;
    const predicted = r.passed ?? (value === null ? null : value + 1e-9 >= (e.role === 'gate' ? 0.5 : threshold));
    if (predicted !== null) perEval.set(e.id, tally(perEval.get(e.id) ?? EMPTY_CONFUSION, predicted, approved, r.n));
    if (value !== null && e.role === 'score') {
      const list = relEval.get(e.id) ?? [];
      list.push({ value, approved: approved ? r.n : 0, total: r.n });
      relEval.set(e.id, list);
    }
  }

  // Yield by N, per run and over all runs.
  const runLabel = new Map(runs.map((r) => [r.id, `#${r.id} ${r.model ?? r.kind}`]));
  const yieldBy = new Map<number | null, { firstPass: number | null; prompts: number }[]>();
  const maxIndex = new Map<number | null, number>();
  for (const r of yieldRows) {
    const list = yieldBy.get(r.runId) ?? [];
    list.push({ firstPass: r.firstPass, prompts: r.prompts });
    yieldBy.set(r.runId, list);
    maxIndex.set(r.runId, Math.max(maxIndex.get(r.runId) ?? -1, r.maxIndex));
  }
  const curveOf = (id: number | null) => yieldCurve(yieldBy.get(id) ?? [], (maxIndex.get(id) ?? -1) + 1);
  const runYields: RunYield[] = [...yieldBy.keys()]
    .filter((k): k is number => k !== null)
    .sort((a, b) => a - b)
    .map((id) => ({ runId: id, label: runLabel.get(id) ?? `#${id}`, model: runs.find((r) => r.id === id)?.model ?? null, points: curveOf(id) }));

  // Cost: per run (candidate costs, or the run's own total when candidates carry none), model, endpoint.
  const runById = new Map(runs.map((r) => [r.id, r]));
  const perRunModelMap = new Map<string, { runId: number; model: string | null; candidates: number; accepted: number; promptTokens: number; completionTokens: number; costUsd: number; costed: number }>();
  for (const g of groups) {
    const key = `${g.runId}\u0000${g.model ?? ''}`;
    const a = perRunModelMap.get(key) ?? { runId: g.runId, model: g.model, candidates: 0, accepted: 0, promptTokens: 0, completionTokens: 0, costUsd: 0, costed: 0 };
    a.candidates += g.n;
    if (g.status === 'accepted' || g.status === 'approved') a.accepted += g.n;
    a.promptTokens += g.promptTokens;
    a.completionTokens += g.completionTokens;
    a.costUsd += g.costUsd;
    a.costed += g.costed;
    perRunModelMap.set(key, a);
  }
  const costRows = [...perRunModelMap.values()];
  const perRunModel = costRows.map((r) => ({ ...r, costUsd: r.costed > 0 ? r.costUsd : 0 }));
  const runLines: (CostRow & { group: string })[] = [];
  const runIds = [...new Set(costRows.map((r) => r.runId))].sort((a, b) => a - b);
  for (const id of runIds) {
    const parts = perRunModel.filter((r) => r.runId === id);
    const sum = (f: (r: (typeof parts)[number]) => number) => parts.reduce((s, r) => s + f(r), 0);
    const costed = parts.some((r) => r.costed > 0);
    const run = runById.get(id);
    runLines.push({
      group: runLabel.get(id) ?? `#${id}`,
      key: runLabel.get(id) ?? `#${id}`,
      candidates: sum((r) => r.candidates),
      accepted: sum((r) => r.accepted),
      promptTokens: sum((r) => r.promptTokens),
      completionTokens: sum((r) => r.completionTokens),
      costUsd: costed ? sum((r) => r.costUsd) : (run?.costUsd ?? 0),
    });
  }
  const modelLines = rollUp(perRunModel.map((r) => ({ ...r, key: '', group: r.model ?? runById.get(r.runId)?.model ?? '(unknown model)' })));
  const endpointLines = rollUp(runLines.map((r, i) => ({ ...r, group: runById.get(runIds[i])?.endpoint ?? '(no endpoint)' })));
  const total = rollUp(runLines.map((r) => ({ ...r, group: 'all' })))[0] ?? costLine({ key: 'all', candidates: 0, accepted: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 });

  return {
    datasetId,
    policy: policy ? { threshold: policy.threshold, topK: policy.topK, gates: policy.gates } : null,
    policyError: parsed.ok ? null : parsed.message,
    counts: { candidates, reviewed: reviewedTotal, byStatus, pendingReviewed },
    agreement: measureAgreement(confusion),
    perEvaluator: evaluators
      .filter((e) => perEval.has(e.id))
      .map((e) => ({ evaluatorId: e.id, name: e.name, role: e.role, agreement: measureAgreement(perEval.get(e.id)!) })),
    reliability: {
      aggregate: reliabilityCurve(relAggregate),
      evaluators: evaluators.filter((e) => relEval.has(e.id)).map((e) => ({ evaluatorId: e.id, name: e.name, points: reliabilityCurve(relEval.get(e.id)!) })),
    },
    threshold: suggestion,
    targetPrecision: opts.targetPrecision ?? null,
    yieldByN: { overall: curveOf(null), runs: runYields },
    cost: { runs: runLines.map(({ group: _g, ...r }) => costLine(r)), models: modelLines, endpoints: endpointLines, total },
    histograms: { evaluators: buildHistograms(evaluators, hist), sampledPercent: 100 },
    consistency: judgeConsistency({ inconsistentPrompts: flags?.inconsistent ?? 0, judgedPrompts: pairwiseJudge ? (flags?.prompts ?? 0) : 0, spreads }),
    serverMs: Math.round(performance.now() - started),
    source: opts.recompute ? 'recomputed' : 'summaries',
    cachedAt: null,
  };
}
