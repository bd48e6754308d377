import { describe, expect, it } from 'vitest';
import { formatScore, formatThreshold, meetsThreshold } from './format-score';

describe('formatScore', () => {
  it.each([
    [0.42, 0.5, '0.42'],
    [0.91234, 0.5, '0.91'],
    [0.499, 0.5, '0.499'], // "0.50 below threshold 0.50" would be nonsense
    [0.49999, 0.5, '0.49999'],
    [0.5, 0.5, '0.50'],
    [0.6251, 0.625, '0.63'],
    [0.6249, 0.625, '0.62'],
  ])('%s against %s → %s', (v, t, s) => expect(formatScore(v, t)).toBe(s));

  it('writes thresholds with the digits they have', () => {
    expect(formatThreshold(0.5)).toBe('0.50');
    expect(formatThreshold(0.625)).toBe('0.625');
    expect(formatThreshold(1)).toBe('1.00');
  });

  it('tolerates float noise at the boundary', () => {
    expect(meetsThreshold((0.1 + 0.2) / 0.6, 0.5)).toBe(true);
    expect(meetsThreshold(0.4999, 0.5)).toBe(false);
  });
});
