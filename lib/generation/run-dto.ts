// What the UI and the CLI see of a generation run (plain JSON-able values; no Prisma types).
import type { RunParams } from './schemas';

export type RunStatus = 'queued' | 'running' | 'cancelled' | 'completed' | 'failed';

export interface RunSummaryDto {
  id: number;
  datasetId: number;
  endpointId: number | null;
  endpointName: string | null;
  model: string | null;
  status: RunStatus;
  params: RunParams;
  totalPrompts: number;
  donePrompts: number;
  failedPrompts: number;
  candidates: number;
  costUsd: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface RunErrorTallyDto {
  kind: string;
  /** Attempts that failed and were retried. */
  retries: number;
  /** Samples that failed for good. */
  failures: number;
  /** Last provider message of this kind, redacted. */
  lastMessage: string | null;
}

export interface RunBatchDto {
  batchId: string | null;
  status: string;
  requestCount: number;
  completedCount: number;
  failedCount: number;
  ingested: boolean;
}

export interface RunProgressDto extends RunSummaryDto {
  /** Prompts neither done nor failed yet. */
  pendingPrompts: number;
  /** totalPrompts × n. */
  expectedCandidates: number;
  promptTokens: number;
  completionTokens: number;
  /** Candidates written per second since the run started (0 before). */
  candidatesPerSecond: number;
  /** Seconds left at that rate; null when unknown or finished. */
  etaSeconds: number | null;
  errors: RunErrorTallyDto[];
  batches: RunBatchDto[];
}

export const isFinished = (s: RunStatus) => s === 'completed' || s === 'failed' || s === 'cancelled';
