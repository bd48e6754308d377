import { describe, expect, it } from 'vitest';
import { CodeTestsReferenceError, parseCodeTestsReference } from './reference';

describe('parseCodeTestsReference', () => {
  it('reads HumanEval field names, with the prompt when present', () => {
    expect(parseCodeTestsReference({ test: 'def check(c): pass', entry_point: 'f', prompt: 'def f():\n', task_id: 'x' })).toEqual({
      test: 'def check(c): pass',
      entryPoint: 'f',
      prompt: 'def f():\n',
    });
  });

  it('accepts `tests`, a JSON string, and trims the entry point (MBPP has "get_max_sum ")', () => {
    expect(parseCodeTestsReference(JSON.stringify({ tests: 't', entry_point: 'get_max_sum ' }))).toEqual({ test: 't', entryPoint: 'get_max_sum' });
  });

  it('refuses references without a test or a function name', () => {
    expect(() => parseCodeTestsReference('42')).toThrow(CodeTestsReferenceError);
    expect(() => parseCodeTestsReference('the answer')).toThrow(/not an object/);
    expect(() => parseCodeTestsReference({ entry_point: 'f' })).toThrow(/no test/);
    expect(() => parseCodeTestsReference({ test: 't', entry_point: 'f(); import os' })).toThrow(/entry_point/);
  });
});
