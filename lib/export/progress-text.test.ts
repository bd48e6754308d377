import { describe, expect, it } from 'vitest';
import { progressBar, progressLine, throttledLines } from './progress-text';

const p = (prompts: number, totalPrompts = 250_000) => ({ prompts, totalPrompts, rows: prompts * 4, bytes: prompts * 2400 });

describe('export progress text', () => {
  it('draws a bar proportional to the prompts done, with rows and bytes', () => {
    expect(progressBar(p(125_000), 10)).toBe('[█████░░░░░]  50% 125,000/250,000 prompts · 500,000 rows · 286.1 MB');
    expect(progressBar(p(0), 4)).toBe('[░░░░]   0% 0/250,000 prompts · 0 rows · 0.0 MB');
    expect(progressBar(p(0, 0), 4)).toContain('0%');
  });

  it('prints plain lines at most every interval, and always the last one', () => {
    let t = 0;
    const lines: string[] = [];
    const on = throttledLines((l) => lines.push(l), 5000, () => t);
    on(p(1000));
    t = 4000;
    on(p(2000));
    t = 5001;
    on(p(3000));
    t = 5002;
    on(p(250_000));
    expect(lines).toEqual([progressLine(p(3000)), progressLine(p(250_000))]);
    expect(lines[0]).toBe('export: 1% (3,000/250,000 prompts), 12,000 rows, 6.9 MB');
  });
});
