// Agreement with the real labels in ../shared/data (present in CI). Floors are below the bench
// targets (99.5 % / 99 %) so a regression is caught without flakiness.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gsm8kCases, math500Cases, measureAgreement, type Gsm8kSolutionsRow, type Math500Row } from './agreement';

const sharedData = process.env.WINNOW_SHARED_DATA ?? path.resolve(process.cwd(), '../shared/data');
const gsm8kFile = path.join(sharedData, 'gsm8k/example_model_solutions.jsonl');
const math500File = path.join(sharedData, 'math500/test.jsonl');

function readJsonl<T>(file: string): T[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}

describe('agreement with real labels', () => {
  it.skipIf(!fs.existsSync(gsm8kFile))('GSM8K: 4 × 1,319 GPT-3 solutions vs is_correct, ≥ 99 %', () => {
    const cases = gsm8kCases(readJsonl<Gsm8kSolutionsRow>(gsm8kFile));
    expect(cases).toHaveLength(5276);
    const { agreement, disagreements } = measureAgreement(cases);
    expect(agreement, disagreements.slice(0, 5).map((d) => `${d.id}: ${d.verdict.reason}`).join('\n')).toBeGreaterThanOrEqual(0.99);
  });

  it.skipIf(!fs.existsSync(math500File))('MATH-500: each solution matches its answer, ≥ 98 %', () => {
    const rows = readJsonl<Math500Row>(math500File);
    const { agreement, disagreements } = measureAgreement(math500Cases(rows));
    expect(agreement, disagreements.slice(0, 5).map((d) => `${d.id}: ${d.verdict.reason}`).join('\n')).toBeGreaterThanOrEqual(0.98);
  });

  it.skipIf(!fs.existsSync(math500File))('MATH-500: restyled answers (dfrac, \\left, spaces, $…$) still match, ≥ 98 %', () => {
    const rows = readJsonl<Math500Row>(math500File);
    const restyled = math500Cases(rows).map((c) => ({ ...c, candidate: `The answer is $\\boxed{${restyle(c.reference)}}$.` }));
    const { agreement, disagreements } = measureAgreement(restyled);
    expect(agreement, disagreements.slice(0, 5).map((d) => `${d.id}: ${d.verdict.reason}`).join('\n')).toBeGreaterThanOrEqual(0.98);
  });
});

/** The same answer written the way another model might: \dfrac, \left( \right), spaces, degrees. */
function restyle(answer: string): string {
  return answer
    .replace(/\\frac/g, '\\dfrac')
    .replace(/^\(/, '\\left(')
    .replace(/\)$/, '\\right)')
    .replace(/,(?!\\!)/g, ', ')
    .replace(/\^\\circ/g, '^{\\circ}')
    .replace(/\\sqrt(\d)/g, '\\sqrt{$1}');
}
