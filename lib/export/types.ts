// Types of the export pipeline. Rows read from the database are turned into these plain shapes, so
// selection, pairing and serializers are pure functions of them.

export type ChatRole = 'system' | 'user' | 'assistant';
export type ChatMessage = { role: ChatRole; content: string };

export type FinalStatus = 'pending' | 'accepted' | 'rejected' | 'approved';
export type AutoVerdict = 'pending' | 'accepted' | 'rejected';

export type ScoreDetail = { value: number | null; passed: boolean | null; rationale: string | null; error: string | null };

export type ExportDecision = { verdict: 'approved' | 'rejected'; reviewer: string | null; note: string | null };

export type ExportCandidate = {
  id: number;
  runId: number;
  sampleIndex: number;
  content: string;
  model: string | null;
  aggregate: number | null;
  autoVerdict: AutoVerdict;
  finalStatus: FinalStatus;
  rank: number | null;
  duplicateOfId: number | null;
  /** Keyed by evaluator name; empty when scores were not needed for this export. */
  scores: Record<string, ScoreDetail>;
  /** Loaded for `raw` only; undefined otherwise. */
  decision?: ExportDecision | null;
};

export type ExportPrompt = {
  id: number;
  externalId: string;
  messages: ChatMessage[];
  reference: unknown;
  metadata: unknown;
  candidates: ExportCandidate[];
};

export type RunInfo = { id: number; kind: string; model: string | null; params: Record<string, unknown> };

/** What serializers and selection need besides the prompt: the gate evaluators and the runs. */
export type ExportContext = { gates: readonly string[]; runs: ReadonlyMap<number, RunInfo> };
