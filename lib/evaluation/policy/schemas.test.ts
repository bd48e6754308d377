import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, parsePolicy, PolicyError, safeParsePolicy } from './schemas';

describe('parsePolicy', () => {
  it('fills every default from an empty column', () => {
    const defaults = { threshold: 0.5, topK: 1, gates: 'all', requireScore: false, dedupe: true, judgeAgreeThreshold: 0.5 };
    expect(parsePolicy({})).toEqual(defaults);
    expect(parsePolicy(null)).toEqual(defaults);
    expect(parsePolicy(undefined)).toEqual(defaults);
    expect(DEFAULT_POLICY).toEqual(defaults);
  });

  it('keeps given values and fills the rest', () => {
    expect(parsePolicy({ threshold: 0.8, topK: 0, gates: ['math-answer', 'math-answer'] })).toMatchObject({
      threshold: 0.8,
      topK: 0,
      gates: ['math-answer'],
      dedupe: true,
    });
  });

  it.each([
    [{ threshold: 1.5 }, 'policy.threshold: must be between 0 and 1'],
    [{ threshold: '0.5' }, 'policy.threshold: must be a number'],
    [{ topK: -1 }, 'policy.topK: must be a whole number ≥ 0'],
    [{ topK: 1.5 }, 'policy.topK: must be a whole number ≥ 0'],
    [{ gates: 'some' }, 'policy.gates: must be "all" or a list of evaluator names'],
    [{ gates: ['a', ' '] }, 'policy.gates.1: gate names must not be empty'],
    [{ dedupe: 'yes' }, 'policy.dedupe: must be true or false'],
    [{ judgeAgreeThreshold: -0.1 }, 'policy.judgeAgreeThreshold: must be between 0 and 1'],
    [{ treshold: 0.5 }, 'policy.treshold: unknown field'],
    ['0.5', 'policy: must be a JSON object'],
    [[], 'policy: must be a JSON object'],
  ])('refuses %j with a clear error', (json, message) => {
    expect(() => parsePolicy(json)).toThrow(PolicyError);
    expect(() => parsePolicy(json)).toThrow(message);
  });

  it('reports every bad field at once, for forms', () => {
    const r = safeParsePolicy({ threshold: 2, topK: -1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.fieldErrors).sort()).toEqual(['threshold', 'topK']);
  });
});
