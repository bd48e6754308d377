// The code-tests evaluator: builds the program (prompt/candidate + the reference's test), runs it
// in the sandbox, and turns the outcome into a 1/0 score with a reason.
import { createSandboxPool, type SandboxPool } from '@/lib/sandbox/pool';
import type { SandboxRequest, SandboxResult } from '@/lib/sandbox/types';
import { buildProgram } from './build-program';
import { codeTestsConfigSchema, type CodeTestsConfigInput } from './config';
import { describeOutcome } from './describe-outcome';
import { parseCodeTestsReference } from './reference';

export interface CodeTestsInput {
  /** The model's output. */
  candidate: string;
  /** Prompt.reference: { test, entry_point, prompt? }. */
  reference: unknown;
  /** The code prompt (e.g. the user message), when reference.prompt is absent; humaneval mode needs one. */
  prompt?: string;
}

export interface CodeTestsVerdict {
  passed: boolean;
  value: 1 | 0;
  /** "passed", "AssertionError at test line 3: assert …", "timed out after 5 s", "killed: memory limit" … */
  reason: string;
  raw: {
    exitCode: number | null;
    signal: string | null;
    stdoutTail: string;
    stderrTail: string;
    durationMs: number;
    /** Isolation the program ran under. */
    level: SandboxResult['level'];
  };
}

export type RunProgram = (request: SandboxRequest) => Promise<SandboxResult>;

const TAIL = 2000;
const tail = (s: string) => (s.length > TAIL ? '…' + s.slice(-TAIL) : s);

let sharedPool: SandboxPool | null = null;
/** One pool per server process, sized to the cores, so concurrent evaluations queue instead of piling up. */
export function defaultSandboxPool(): SandboxPool {
  return (sharedPool ??= createSandboxPool());
}

/**
 * Throws CodeTestsReferenceError when the prompt has no usable test (an evaluator error, not the
 * candidate's failure) and a ZodError for a bad config.
 */
export async function evaluateCodeTests(
  input: CodeTestsInput,
  configInput: CodeTestsConfigInput = {},
  run: RunProgram = (r) => defaultSandboxPool().run(r),
): Promise<CodeTestsVerdict> {
  const config = codeTestsConfigSchema.parse(configInput);
  const reference = parseCodeTestsReference(input.reference);
  const program = buildProgram({ mode: config.mode, language: config.language, candidate: input.candidate, reference, prompt: input.prompt });
  const cpuSeconds = config.cpuSeconds ?? Math.ceil(config.timeoutMs / 1000);
  const result = await run({
    language: config.language,
    code: program.code,
    timeoutMs: config.timeoutMs,
    cpuSeconds,
    memoryMb: config.memoryMb,
    maxProcesses: config.maxProcesses,
    maxOutputBytes: config.maxOutputBytes,
  });
  const { passed, reason } = describeOutcome(result, program, config.language, { timeoutMs: config.timeoutMs, cpuSeconds });
  return {
    passed,
    value: passed ? 1 : 0,
    reason,
    raw: {
      exitCode: result.exitCode,
      signal: result.signal,
      stdoutTail: tail(result.stdout),
      stderrTail: tail(result.stderr),
      durationMs: result.durationMs,
      level: result.level,
    },
  };
}
