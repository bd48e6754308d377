import { describe, expect, it } from 'vitest';
import { buildProgram } from './build-program';

const reference = { test: 'def check(candidate):\n    assert candidate(1) == 2\n', entryPoint: 'inc' };

describe('buildProgram', () => {
  it("humaneval: prompt + completion + test + check(entry_point), HumanEval's harness", () => {
    const p = buildProgram({ mode: 'humaneval', language: 'python', candidate: '    return x + 1\n', reference, prompt: 'def inc(x):\n' });
    expect(p.code).toBe('def inc(x):\n    return x + 1\n\ndef check(candidate):\n    assert candidate(1) == 2\ncheck(inc)\n');
    expect(p.code.split('\n')[p.testStartLine - 1]).toBe('def check(candidate):');
    expect(p.code.split('\n')[p.checkLine - 1]).toBe('check(inc)');
  });

  it('humaneval: reference.prompt wins; no prompt at all is an error', () => {
    const p = buildProgram({ mode: 'humaneval', language: 'python', candidate: 'X', reference: { ...reference, prompt: 'P' }, prompt: 'Q' });
    expect(p.code.startsWith('PX\n')).toBe(true);
    expect(() => buildProgram({ mode: 'humaneval', language: 'python', candidate: 'X', reference })).toThrow(/prompt/);
  });

  it("full: the candidate's first code block, then the test", () => {
    const candidate = 'Sure:\n```python\ndef inc(x):\n    return x + 1\n```\nExplanation…';
    const p = buildProgram({ mode: 'full', language: 'python', candidate, reference });
    expect(p.code).toBe('def inc(x):\n    return x + 1\ndef check(candidate):\n    assert candidate(1) == 2\ncheck(inc)\n');
    expect(p.testStartLine).toBe(3);
  });

  it('javascript: check(entry_point); with a semicolon', () => {
    const p = buildProgram({
      mode: 'full',
      language: 'javascript',
      candidate: '```js\nconst inc = (x) => x + 1;\n```',
      reference: { test: 'function check(c) { require("assert").strictEqual(c(1), 2); }', entryPoint: 'inc' },
    });
    expect(p.code).toBe('const inc = (x) => x + 1;\nfunction check(c) { require("assert").strictEqual(c(1), 2); }\ncheck(inc);\n');
  });
});
