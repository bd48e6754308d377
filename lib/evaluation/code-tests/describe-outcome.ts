// Pure: a one-line reason for a run's outcome, from its exit status and the tail of stderr
// (Python traceback or Node stack), placed in the program as "test line N" / "candidate line N".
import type { SandboxLanguage, SandboxResult } from '@/lib/sandbox/types';
import type { Program } from './build-program';

const MAX_SOURCE = 120;

export interface Outcome {
  passed: boolean;
  reason: string;
}

type RunFacts = Pick<SandboxResult, 'exitCode' | 'signal' | 'stderr' | 'timedOut' | 'killedReason'>;

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

export function describeOutcome(run: RunFacts, program: Program, language: SandboxLanguage, limits: { timeoutMs: number; cpuSeconds: number }): Outcome {
  if (run.timedOut || run.killedReason === 'timeout') return { passed: false, reason: `timed out after ${seconds(limits.timeoutMs)}` };
  if (run.killedReason === 'memory') return { passed: false, reason: 'killed: memory limit' };
  if (run.killedReason === 'cpu') return { passed: false, reason: `killed: CPU limit (${limits.cpuSeconds} s)` };
  if (run.killedReason === 'output') return { passed: false, reason: 'killed: too much output' };
  if (run.exitCode === 0) return { passed: true, reason: 'passed' };
  const error = language === 'python' ? pythonError(run.stderr) : nodeError(run.stderr);
  if (error) {
    const where = error.line ? ` at ${place(error.line, program)}` : '';
    const source = error.line ? sourceLine(program.code, error.line) : '';
    return { passed: false, reason: `${error.message}${where}${source ? `: ${source}` : ''}` };
  }
  if (run.signal) return { passed: false, reason: `killed by ${run.signal}` };
  // sys.exit(1) / process.exit(1) with nothing on stderr: still a failure, never a pass.
  return { passed: false, reason: `exit code ${run.exitCode}` };
}

function place(line: number, program: Program): string {
  if (line >= program.checkLine) return `the check(...) call`;
  if (line >= program.testStartLine) return `test line ${line - program.testStartLine + 1}`;
  return `candidate line ${line}`;
}

function sourceLine(code: string, line: number): string {
  const text = (code.split('\n')[line - 1] ?? '').trim();
  return text.length > MAX_SOURCE ? text.slice(0, MAX_SOURCE - 1) + '…' : text;
}

interface FoundError {
  /** e.g. "AssertionError", "NameError: name 'x' is not defined". */
  message: string;
  /** Innermost line in the program file (main.py / main.js), when known. */
  line?: number;
}

/** The last traceback's exception line and its innermost frame in main.py. */
export function pythonError(stderr: string): FoundError | null {
  const lines = stderr.trimEnd().split('\n');
  // A SyntaxError in the file itself has no "Traceback" header, only its File line.
  const traceback = lines.findLastIndex((l) => l.startsWith('Traceback (most recent call last):'));
  const from = traceback >= 0 ? traceback : lines.findLastIndex((l) => /^\s*File ".*main\.py", line \d+/.test(l));
  if (from < 0) return null;
  // The exception line: the last line that starts at column 0 and is not a frame.
  const last = lines.slice(from + 1).findLast((l) => /^[A-Za-z_][\w.]*(?::|$)/.test(l));
  if (!last) return null;
  let line: number | undefined;
  for (const l of lines.slice(from)) {
    const m = /^\s*File "(?:[^"]*\/)?main\.py", line (\d+)/.exec(l);
    if (m) line = Number(m[1]);
  }
  return { message: trimMessage(last), line };
}

/** Node prints "main.js:LINE" over the offending source, then "ErrorName: message" and the stack. */
export function nodeError(stderr: string): FoundError | null {
  const lines = stderr.split('\n');
  const errorLine = lines.find((l) => /^(?:Uncaught )?[A-Z]\w*(?:Error|Exception)\b/.test(l));
  if (!errorLine) return null;
  const frame = lines.map((l) => /main\.js:(\d+)(?::\d+)?\)?\s*$/.exec(l)).find((m) => m);
  // "AssertionError [ERR_ASSERTION]: Expected …" → keep the name and the first line of the message.
  const message = errorLine.replace(/^Uncaught /, '').replace(/ \[ERR_[A-Z_]+\]/, '');
  return { message: trimMessage(message), line: frame ? Number(frame[1]) : undefined };
}

function trimMessage(message: string): string {
  const m = message.trim();
  return m.length > 200 ? m.slice(0, 199) + '…' : m;
}
