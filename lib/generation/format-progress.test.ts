import { describe, expect, it } from 'vitest';
import { formatDuration, formatProgress } from './format-progress';
import type { RunProgressDto } from './run-dto';

const base: RunProgressDto = {
  id: 3,
  datasetId: 1,
  endpointId: 1,
  endpointName: 'e',
  model: 'm',
  status: 'running',
  params: { n: 8, onlyUnsolved: false, batch: false, timeoutMs: 1000, maxAttempts: 6 },
  totalPrompts: 2000,
  donePrompts: 700,
  failedPrompts: 0,
  candidates: 5600,
  costUsd: 0,
  error: null,
  createdAt: '',
  startedAt: '',
  finishedAt: null,
  pendingPrompts: 1300,
  expectedCandidates: 16000,
  promptTokens: 0,
  completionTokens: 0,
  candidatesPerSecond: 212.5,
  etaSeconds: 49,
  errors: [{ kind: 'rate_limit', retries: 12, failures: 0, lastMessage: null }],
  batches: [],
};

describe('formatProgress', () => {
  it('renders a bar line and a plain line', () => {
    expect(formatProgress(base, { bar: true })).toBe(
      '[#######-------------]  35%  700/2,000 prompts · 5,600/16,000 candidates · 212.5/s · ETA 0:49 · rate_limit 12 retried',
    );
    expect(formatProgress({ ...base, status: 'completed', etaSeconds: null, errors: [] })).toBe('run 3 completed: 700/2,000 prompts · 5,600/16,000 candidates · 212.5/s');
  });

  it('formats durations', () => {
    expect(formatDuration(49)).toBe('0:49');
    expect(formatDuration(3723)).toBe('1:02:03');
  });
});
