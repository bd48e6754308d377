import { describe, expect, it } from 'vitest';
import { getEvaluatorDefinition, parseEvaluatorConfig, registeredKinds } from './evaluators/registry';
import { sanitizeResult } from './judge/write-scores';
import { addEvaluatorSchema, updatePolicySchema } from './schemas';

describe('evaluator registry', () => {
  it('knows every gate kind with its default role', () => {
    for (const kind of ['math-answer', 'exact', 'contains', 'regex', 'json-schema', 'length', 'code-tests']) {
      expect(registeredKinds()).toContain(kind);
      expect(getEvaluatorDefinition(kind)?.defaultRole).toBe('gate');
    }
    expect(getEvaluatorDefinition('nope')).toBeNull();
    expect(getEvaluatorDefinition('toString')).toBeNull();
  });

  it.each([
    ['regex', {}, 'config.pattern'],
    ['regex', { pattern: '(' }, 'config.pattern'],
    ['length', { min: 3, max: 1 }, 'config.min'],
    ['json-schema', { schema: { type: 'nonsense' } }, 'config.schema'],
    ['math-answer', { feild: 'x' }, 'config.feild'],
  ])('%s config %j is refused naming %s', (kind, config, field) => {
    const r = parseEvaluatorConfig(kind, config);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(Object.keys(r.fieldErrors)).toContain(field);
      expect(r.message).toContain(field);
    }
  });

  it('refuses an unknown kind', () => {
    expect(parseEvaluatorConfig('nope', {})).toMatchObject({ ok: false, fieldErrors: { kind: ['unknown kind'] } });
  });
});

describe('evaluation input schemas', () => {
  it('parses config JSON text and names bad JSON', () => {
    expect(addEvaluatorSchema.parse({ datasetId: '3', kind: 'regex', config: '{"pattern":"a"}' })).toMatchObject({ datasetId: 3, config: { pattern: 'a' } });
    expect(addEvaluatorSchema.parse({ datasetId: 3, kind: 'exact', config: '' }).config).toEqual({});
    const bad = addEvaluatorSchema.safeParse({ datasetId: 3, kind: 'regex', config: '{pattern' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0].path).toEqual(['config']);
    expect(addEvaluatorSchema.safeParse({ datasetId: 3, kind: 'regex', config: '[1]' }).error!.issues[0].message).toBe('must be a JSON object');
    expect(addEvaluatorSchema.safeParse({ datasetId: 3, kind: 'x', name: 'a b' }).error!.issues[0].path).toEqual(['name']);
  });

  it('reads policy form fields: blanks stay unset, gates as a list', () => {
    expect(updatePolicySchema.parse({ datasetId: 1, threshold: '', topK: '2', gates: 'a, b', dedupe: 'false' })).toEqual({ datasetId: 1, topK: 2, gates: ['a', 'b'], dedupe: false });
    expect(updatePolicySchema.parse({ datasetId: 1, gates: 'all' }).gates).toBe('all');
    expect(updatePolicySchema.safeParse({ datasetId: 1, threshold: '1.5' }).error!.issues[0].path).toEqual(['threshold']);
  });
});

describe('sanitizeResult', () => {
  it('never stores a value with an error, nor an out-of-range value', () => {
    expect(sanitizeResult({ candidateId: 1, value: 0.4, passed: true, error: 'x' })).toMatchObject({ value: null, passed: null, error: 'x' });
    expect(sanitizeResult({ candidateId: 1, value: 7, passed: null })).toMatchObject({ value: null, error: expect.stringContaining('invalid score 7') });
    expect(sanitizeResult({ candidateId: 1, value: Number.NaN, passed: null }).error).toMatch(/invalid score/);
    expect(sanitizeResult({ candidateId: 1, value: 1, passed: true })).toEqual({ candidateId: 1, value: 1, passed: true });
  });
});
