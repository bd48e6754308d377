// HumanEval and MBPP (sanitized, HumanEval-shaped) from ../shared/data, for tests and the bench.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export interface CodeProblem {
  task_id: string;
  prompt: string;
  canonical_solution: string;
  test: string;
  entry_point: string;
}

export const sharedDataDir = () => process.env.WINNOW_SHARED_DATA ?? path.resolve(process.cwd(), '../shared/data');
export const humanEvalFile = () => path.join(sharedDataDir(), 'humaneval/HumanEval.jsonl.gz');
export const mbppFile = () => path.join(sharedDataDir(), 'mbpp/mbpp_sanitized.jsonl');

function parseJsonl(text: string): CodeProblem[] {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as CodeProblem);
}

export const readHumanEval = (): CodeProblem[] => parseJsonl(zlib.gunzipSync(fs.readFileSync(humanEvalFile())).toString('utf8'));
export const readMbpp = (): CodeProblem[] => parseJsonl(fs.readFileSync(mbppFile(), 'utf8'));

/**
 * MBPP's canonical solution as a whole program (full mode): the prompt without its docstring, then
 * the body. In this file the bodies keep MBPP's own indentation (often 2 spaces or tabs), which
 * clashes with the prompt's 4-space docstring, so prompt + body is not valid Python for most.
 */
export function mbppFullSolution(p: CodeProblem): string {
  const withoutDocstring = p.prompt.replace(/\n[ \t]*('''|""")[\s\S]*?\1[ \t]*\n/, '\n');
  return '```python\n' + withoutDocstring + p.canonical_solution + '```\n';
}

/**
 * MBPP records whose test cannot pass as shipped: tests calling math.* without importing it (MBPP's
 * harness imported it), and entry points named `check` (shadowed by the test's own check()).
 */
export function mbppRunnable(p: CodeProblem): boolean {
  const usesMath = /\bmath\./.test(p.test) && !/import math/.test(p.test) && !/import math/.test(p.prompt);
  return !usesMath && p.entry_point.trim() !== 'check';
}
