// Pure: the program that runs a candidate against its tests, and where each part starts (so a
// failure's line number can be told as "test line 3" or "candidate line 7").
import type { SandboxLanguage } from '@/lib/sandbox/types';
import { extractCode } from './extract-code';
import type { CodeTestsReference } from './reference';

export type CodeTestsMode = 'humaneval' | 'full';

export interface ProgramInput {
  mode: CodeTestsMode;
  language: SandboxLanguage;
  /** The model's output. */
  candidate: string;
  reference: CodeTestsReference;
  /** The code prompt, for humaneval mode (reference.prompt wins when both are given). */
  prompt?: string;
}

export interface Program {
  code: string;
  /** 1-based line where the test starts; lines before it are the prompt and the candidate. */
  testStartLine: number;
  /** 1-based line of the final check(entry_point) call. */
  checkLine: number;
}

const lineCount = (s: string) => s.split('\n').length - 1;

export function buildProgram(input: ProgramInput): Program {
  const { reference, language } = input;
  let body: string;
  if (input.mode === 'humaneval') {
    const prompt = reference.prompt ?? input.prompt;
    if (prompt === undefined) throw new Error('humaneval mode needs the code prompt (reference.prompt)');
    // Exactly HumanEval's own harness: the completion continues the prompt's function body.
    body = prompt + input.candidate;
  } else {
    body = extractCode(input.candidate, language).code;
  }
  const head = body + '\n';
  const test = reference.test.endsWith('\n') ? reference.test : reference.test + '\n';
  const check = language === 'python' ? `check(${reference.entryPoint})\n` : `check(${reference.entryPoint});\n`;
  const code = head + test + check;
  return { code, testStartLine: lineCount(head) + 1, checkLine: lineCount(head + test) + 1 };
}
