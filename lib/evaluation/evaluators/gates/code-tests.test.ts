import { describe, expect, it } from 'vitest';
import type { SandboxRequest, SandboxResult } from '@/lib/sandbox/types';
import { createCodeTestsEvaluator } from './code-tests';
import { cands, prompt, run } from './test-helpers';

// A fake sandbox: "passes" when the program contains `return a + b`, fails with an AssertionError otherwise.
function fakeRun(req: SandboxRequest): Promise<SandboxResult> {
  const ok = req.code.includes('return a + b');
  return Promise.resolve({
    exitCode: ok ? 0 : 1,
    signal: null,
    stdout: '',
    stderr: ok ? '' : 'Traceback (most recent call last):\nAssertionError',
    durationMs: 5,
    timedOut: false,
    level: 'none',
  } as unknown as SandboxResult);
}

const reference = { test: 'def check(candidate):\n    assert candidate(1, 2) == 3\n', entry_point: 'add' };
const def = createCodeTestsEvaluator(fakeRun);

describe('code-tests gate', () => {
  it.each([
    ['```python\ndef add(a, b):\n    return a + b\n```', true],
    ['```python\ndef add(a, b):\n    return a - b\n```', false],
  ])('full mode: %j → %s', async (content, expected) => {
    const [r] = await run(def, { mode: 'full' }, prompt(reference), cands(content));
    expect(r.passed).toBe(expected);
    expect(r.value).toBe(expected ? 1 : 0);
  });

  it('records a prompt without tests as an evaluator error', async () => {
    const [r] = await run(def, { mode: 'full' }, prompt('42'), cands('def add(a, b): return a + b'));
    expect(r).toMatchObject({ passed: null, value: null });
    expect(r.error).toMatch(/reference/);
  });
});
