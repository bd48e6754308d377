import { describe, expect, it } from 'vitest';
import { canCancel, canResume, canRetryFailed, describeParams, elapsedSeconds, formatCompact, formatCost, formatEta, percentDone } from './run-format';

describe('run display helpers', () => {
  it('percentDone counts failed prompts as settled and reaches 100 only when all are', () => {
    expect(percentDone({ donePrompts: 0, failedPrompts: 0, totalPrompts: 80 })).toBe(0);
    expect(percentDone({ donePrompts: 30, failedPrompts: 10, totalPrompts: 80 })).toBe(50);
    expect(percentDone({ donePrompts: 199, failedPrompts: 0, totalPrompts: 200 })).toBe(99);
    expect(percentDone({ donePrompts: 200, failedPrompts: 0, totalPrompts: 200 })).toBe(100);
    expect(percentDone({ donePrompts: 0, failedPrompts: 0, totalPrompts: 0 })).toBe(100);
  });

  it('formats ETA, cost and token counts', () => {
    expect(formatEta(null)).toBe('—');
    expect(formatEta(65)).toBe('1:05');
    expect(formatEta(7389)).toBe('2:03:09');
    expect(formatCost(0)).toBe('$0');
    expect(formatCost(0.01234)).toBe('$0.0123');
    expect(formatCost(12.4)).toBe('$12.40');
    expect(formatCost(1234.5)).toBe('$1,235');
    expect(formatCompact(950)).toBe('950');
    expect(formatCompact(1234)).toBe('1.2k');
    expect(formatCompact(12_300)).toBe('12k');
    expect(formatCompact(4_500_000)).toBe('4.5M');
  });

  it('elapsed time runs to now until the run finishes', () => {
    const startedAt = '2026-01-01T00:00:00.000Z';
    expect(elapsedSeconds({ startedAt: null, finishedAt: null }, Date.parse(startedAt) + 5000)).toBeNull();
    expect(elapsedSeconds({ startedAt, finishedAt: null }, Date.parse(startedAt) + 5000)).toBe(5);
    expect(elapsedSeconds({ startedAt, finishedAt: '2026-01-01T00:00:02.000Z' }, Date.parse(startedAt) + 5000)).toBe(2);
  });

  it('lists only the parameters that were set', () => {
    expect(describeParams({ n: 4, onlyUnsolved: false, batch: false, timeoutMs: 1, maxAttempts: 1 })).toEqual([['n', '4']]);
    expect(describeParams({ n: 2, temperature: 0.7, top_p: 0.9, max_tokens: 512, seed: 0, onlyUnsolved: true, batch: true, timeoutMs: 1, maxAttempts: 1 })).toEqual([
      ['n', '2'],
      ['temperature', '0.7'],
      ['top-p', '0.9'],
      ['max tokens', '512'],
      ['seed', '0'],
      ['prompts', 'only unsolved'],
      ['mode', 'Batch API'],
    ]);
  });

  it('offers only the controls that make sense for the status', () => {
    expect(canCancel('running') && canCancel('queued')).toBe(true);
    expect(canCancel('completed')).toBe(false);
    const counts = { totalPrompts: 10, donePrompts: 6, failedPrompts: 2 };
    expect(canResume({ ...counts, status: 'cancelled' })).toBe(true);
    expect(canResume({ ...counts, status: 'failed' })).toBe(true);
    expect(canResume({ ...counts, donePrompts: 8, status: 'failed' })).toBe(false); // nothing left but failed prompts
    expect(canResume({ ...counts, status: 'running' }) || canResume({ ...counts, status: 'completed' })).toBe(false);
    expect(canRetryFailed({ status: 'completed', failedPrompts: 3 })).toBe(true);
    expect(canRetryFailed({ status: 'running', failedPrompts: 3 })).toBe(false);
    expect(canRetryFailed({ status: 'completed', failedPrompts: 0 })).toBe(false);
  });
});
