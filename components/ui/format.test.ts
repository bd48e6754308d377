import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatNumber, formatPercent, formatRelative, formatScore } from './format';

describe('format', () => {
  it('numbers get thousands separators', () => {
    expect(formatNumber(100000)).toBe('100,000');
    expect(formatNumber(null)).toBe('—');
  });
  it('scores have two decimals', () => {
    expect(formatScore(0.8567)).toBe('0.86');
    expect(formatScore(null)).toBe('—');
  });
  it('percent, bytes, durations', () => {
    expect(formatPercent(1, 3)).toBe('33%');
    expect(formatPercent(1, 1000)).toBe('<1%');
    expect(formatPercent(0, 0)).toBe('0%');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(50 * 1024 * 1024)).toBe('50 MB');
    expect(formatDuration(900)).toBe('900 ms');
    expect(formatDuration(1500)).toBe('1.5 s');
  });
  it('relative dates', () => {
    const now = new Date('2026-01-10T12:00:00Z');
    expect(formatRelative('2026-01-10T11:59:50Z', now)).toBe('just now');
    expect(formatRelative('2026-01-10T11:57:00Z', now)).toBe('3 minutes ago');
    expect(formatRelative('2026-01-10T09:00:00Z', now)).toBe('3 hours ago');
    expect(formatRelative('2026-01-09T12:00:00Z', now)).toBe('yesterday');
    expect(formatRelative('2025-10-10T12:00:00Z', now)).toBe('3 months ago');
  });
});
