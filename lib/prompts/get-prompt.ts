import 'server-only';
import { prisma } from '../db/client';
import { normalizeMessages, type ChatMessage } from './text';

export type CandidateScoreDto = {
  evaluatorId: number;
  evaluator: string;
  kind: string;
  role: 'gate' | 'score';
  value: number | null;
  passed: boolean | null;
  rationale: string | null;
  error: string | null;
  /** The number before normalisation to 0..1 (imported scores, reward models), when kept. */
  rawValue?: number | null;
};

export type CandidateDto = {
  id: number;
  sampleIndex: number;
  model: string | null;
  run: { id: number; kind: 'generate' | 'import'; model: string | null; createdAt: string };
  finishReason: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
  latencyMs: number | null;
  content: string;
  aggregate: number | null;
  autoVerdict: 'pending' | 'accepted' | 'rejected';
  verdictReason: string | null;
  rank: number | null;
  duplicateOfId: number | null;
  finalStatus: 'pending' | 'accepted' | 'rejected' | 'approved';
  scores: CandidateScoreDto[];
  decision: { verdict: 'approved' | 'rejected'; note: string | null; reviewer: string | null; updatedAt: string } | null;
};

export type PromptDetail = {
  id: number;
  datasetId: number;
  datasetName: string;
  externalId: string;
  messages: ChatMessage[];
  /** Expected answer: a string, or JSON such as {tests, entry_point}; null if none. */
  reference: unknown;
  metadata: Record<string, unknown> | null;
  acceptedCount: number;
  flags: string[];
  reviewedAt: string | null;
  createdAt: string;
  candidates: CandidateDto[];
};

/** One prompt of a dataset with all its candidates (rank, then aggregate desc, then sample index). */
export async function getPrompt(datasetId: number, promptId: number): Promise<PromptDetail | null> {
  const p = await prisma.prompt.findFirst({
    where: { id: promptId, datasetId },
    select: {
      id: true,
      datasetId: true,
      externalId: true,
      messages: true,
      reference: true,
      metadata: true,
      acceptedCount: true,
      flags: true,
      reviewedAt: true,
      createdAt: true,
      dataset: { select: { name: true } },
      candidates: {
        orderBy: [
          { rank: { sort: 'asc', nulls: 'last' } },
          { aggregate: { sort: 'desc', nulls: 'last' } },
          { sampleIndex: 'asc' },
          { id: 'asc' },
        ],
        select: {
          id: true,
          sampleIndex: true,
          model: true,
          finishReason: true,
          promptTokens: true,
          completionTokens: true,
          latencyMs: true,
          content: true,
          aggregate: true,
          autoVerdict: true,
          verdictReason: true,
          rank: true,
          duplicateOfId: true,
          finalStatus: true,
          run: { select: { id: true, kind: true, model: true, createdAt: true } },
          scores: {
            orderBy: { evaluator: { name: 'asc' } },
            select: {
              value: true,
              passed: true,
              rationale: true,
              error: true,
              rawValue: true,
              evaluator: { select: { id: true, name: true, kind: true, role: true } },
            },
          },
          decision: {
            select: { verdict: true, note: true, updatedAt: true, reviewer: { select: { name: true, email: true } } },
          },
        },
      },
    },
  });
  if (!p) return null;
  const metadata = p.metadata && typeof p.metadata === 'object' && !Array.isArray(p.metadata) ? (p.metadata as Record<string, unknown>) : null;
  return {
    id: p.id,
    datasetId: p.datasetId,
    datasetName: p.dataset.name,
    externalId: p.externalId,
    messages: normalizeMessages(p.messages),
    reference: p.reference ?? null,
    metadata,
    acceptedCount: p.acceptedCount,
    flags: p.flags,
    reviewedAt: p.reviewedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    candidates: p.candidates.map((c) => ({
      id: c.id,
      sampleIndex: c.sampleIndex,
      model: c.model ?? c.run.model,
      run: { id: c.run.id, kind: c.run.kind, model: c.run.model, createdAt: c.run.createdAt.toISOString() },
      finishReason: c.finishReason,
      promptTokens: c.promptTokens,
      completionTokens: c.completionTokens,
      latencyMs: c.latencyMs,
      content: c.content,
      aggregate: c.aggregate,
      autoVerdict: c.autoVerdict,
      verdictReason: c.verdictReason,
      rank: c.rank,
      duplicateOfId: c.duplicateOfId,
      finalStatus: c.finalStatus,
      scores: c.scores.map((s) => ({
        evaluatorId: s.evaluator.id,
        evaluator: s.evaluator.name,
        kind: s.evaluator.kind,
        role: s.evaluator.role,
        value: s.value,
        passed: s.passed,
        rationale: s.rationale,
        error: s.error,
        rawValue: s.rawValue,
      })),
      decision: c.decision
        ? {
            verdict: c.decision.verdict,
            note: c.decision.note,
            reviewer: c.decision.reviewer ? c.decision.reviewer.name || c.decision.reviewer.email : null,
            updatedAt: c.decision.updatedAt.toISOString(),
          }
        : null,
    })),
  };
}
