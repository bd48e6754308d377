import { describe, expect, it } from 'vitest';
import type { Program } from './build-program';
import { describeOutcome, nodeError, pythonError } from './describe-outcome';

// Lines 1-2 candidate, 3-5 test, 6 the check call.
const program: Program = {
  code: 'def inc(x):\n    return x\ndef check(candidate):\n    assert candidate(1) == 1\n    assert candidate(1) == 2\ncheck(inc)\n',
  testStartLine: 3,
  checkLine: 6,
};
const limits = { timeoutMs: 5000, cpuSeconds: 5 };
const run = (over: object) => ({ exitCode: 1, signal: null, stderr: '', timedOut: false, ...over });

describe('describeOutcome', () => {
  it('passed, timeout, memory, CPU, output', () => {
    expect(describeOutcome(run({ exitCode: 0 }), program, 'python', limits)).toEqual({ passed: true, reason: 'passed' });
    expect(describeOutcome(run({ exitCode: null, signal: 'SIGKILL', timedOut: true, killedReason: 'timeout' }), program, 'python', limits).reason).toBe(
      'timed out after 5 s',
    );
    expect(describeOutcome(run({ killedReason: 'memory' }), program, 'python', limits).reason).toBe('killed: memory limit');
    expect(describeOutcome(run({ exitCode: null, signal: 'SIGXCPU', killedReason: 'cpu' }), program, 'python', limits).reason).toBe('killed: CPU limit (5 s)');
    expect(describeOutcome(run({ killedReason: 'output' }), program, 'python', limits).reason).toBe('killed: too much output');
  });

  it('places a Python assertion in the test, with its source line', () => {
    const stderr = [
      'Traceback (most recent call last):',
      '  File "/sandbox/main.py", line 6, in <module>',
      '    check(inc)',
      '  File "/sandbox/main.py", line 5, in check',
      '    assert candidate(1) == 2',
      '           ^^^^^^^^^^^^^^^^^',
      'AssertionError',
    ].join('\n');
    expect(describeOutcome(run({ stderr }), program, 'python', limits)).toEqual({
      passed: false,
      reason: 'AssertionError at test line 3: assert candidate(1) == 2',
    });
  });

  it("places an error in the candidate's code, and a SyntaxError without a traceback", () => {
    expect(
      pythonError('Traceback (most recent call last):\n  File "/tmp/x/main.py", line 2, in inc\n    return x\nNameError: name \'x\' is not defined\n'),
    ).toEqual({ message: "NameError: name 'x' is not defined", line: 2 });
    const syntax = '  File "/sandbox/main.py", line 1\n    def inc(x)\n              ^\nSyntaxError: expected \':\'\n';
    expect(describeOutcome(run({ stderr: syntax }), program, 'python', limits).reason).toBe("SyntaxError: expected ':' at candidate line 1: def inc(x):");
  });

  it('reads a Node assertion and its innermost main.js frame', () => {
    const stderr = [
      'node:assert:128',
      '  throw new AssertionError(obj);',
      '  ^',
      '',
      'AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:',
      '',
      '1 !== 2',
      '',
      '    at check (/sandbox/main.js:4:10)',
      '    at Object.<anonymous> (/sandbox/main.js:6:1)',
    ].join('\n');
    expect(nodeError(stderr)).toEqual({ message: 'AssertionError: Expected values to be strictly equal:', line: 4 });
  });

  it('a bare non-zero exit or a signal is a failure', () => {
    expect(describeOutcome(run({ exitCode: 3 }), program, 'python', limits)).toEqual({ passed: false, reason: 'exit code 3' });
    expect(describeOutcome(run({ exitCode: null, signal: 'SIGSEGV' }), program, 'python', limits).reason).toBe('killed by SIGSEGV');
  });
});
