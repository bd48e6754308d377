// `npm run bench -- verify` (or `npx tsx lib/bench/verify.ts`): quality and speed of the answer
// verifiers on the real shared data. No database. Each section prints figures for humans and
// returns its metrics; the last line is one JSON object with all of them. To add a verifier
// (code tests, policy re-derivation), append a section to `sections`.
import fs from 'node:fs';
import path from 'node:path';
import {
  gsm8kCases,
  math500Cases,
  measureAgreement,
  type Agreement,
  type Gsm8kSolutionsRow,
  type Math500Row,
} from '../evaluation/math-answer/agreement';
import { measureCodeTestsThroughput } from '../evaluation/code-tests/measure-throughput';
import { humanEvalFile } from '../evaluation/code-tests/shared-data';
import { extractAnswer } from '../evaluation/math-answer/extract-answer';
import { verifyMathAnswer } from '../evaluation/math-answer/verify-math-answer';
import { printResult } from './bench-utils';

type Metrics = Record<string, number>;

interface Section {
  name: string;
  run: () => Metrics | Promise<Metrics>;
}

const sharedData = process.env.WINNOW_SHARED_DATA ?? path.resolve(process.cwd(), '../shared/data');

function readJsonl<T>(file: string): T[] {
  return fs
    .readFileSync(path.join(sharedData, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

function report(name: string, result: Agreement, examples = 5) {
  const { total, agreement, disagreements } = result;
  console.log(`${name}: agreement ${(agreement * 100).toFixed(2)} % (${disagreements.length} of ${total} disagree)`);
  for (const d of disagreements.slice(0, examples)) {
    console.log(`  ${d.id}: label ${d.label ? 'correct' : 'wrong'}, verifier ${d.verdict.reason}`);
  }
}

function howCounts(texts: string[]) {
  const counts = new Map<string, number>();
  for (const text of texts) {
    const how = extractAnswer(text)?.how ?? 'none';
    counts.set(how, (counts.get(how) ?? 0) + 1);
  }
  return [...counts].map(([how, n]) => `${how} ${n}`).join(', ');
}

const mathAnswer: Section = {
  name: 'math-answer',
  run() {
    const gsm8k = gsm8kCases(readJsonl<Gsm8kSolutionsRow>('gsm8k/example_model_solutions.jsonl'));
    const math500 = math500Cases(readJsonl<Math500Row>('math500/test.jsonl'));
    const gsm8kResult = measureAgreement(gsm8k);
    const math500Result = measureAgreement(math500);
    report('gsm8k (4 GPT-3 solutions × 1,319, vs is_correct)', gsm8kResult);
    console.log(`  final answers found by: ${howCounts(gsm8k.map((c) => c.candidate))}`);
    report('math500 (solution vs answer)', math500Result);
    console.log(`  final answers found by: ${howCounts(math500.map((c) => c.candidate))}`);

    // Throughput: all GSM8K candidates, repeatedly, for at least 2 s.
    let verified = 0;
    let passed = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < 2000) {
      for (const c of gsm8k) if (verifyMathAnswer(c.candidate, c.reference).passed) passed++;
      verified += gsm8k.length;
      elapsed = performance.now() - start;
    }
    const perSecond = Math.round(verified / (elapsed / 1000));
    console.log(`math-answer: ${verified} verifications in ${(elapsed / 1000).toFixed(2)} s = ${perSecond}/s (${passed} passed)`);
    return {
      gsm8k_agreement: round(gsm8kResult.agreement, 4),
      math500_agreement: round(math500Result.agreement, 4),
      math_answer_per_s: perSecond,
    };
  },
};

// code_tests_per_s: HumanEval's 164 canonical solutions through the sandbox pool (one per core),
// under the strongest isolation this host offers. Target ≥ 20/s on 2 cores.
const codeTests: Section = {
  name: 'code-tests',
  async run(): Promise<Metrics> {
    if (!fs.existsSync(humanEvalFile())) {
      console.log('code-tests: HumanEval not found in shared data; skipped');
      return {};
    }
    const t = await measureCodeTestsThroughput();
    console.log(
      `code-tests: ${t.candidates} HumanEval canonical solutions under ${t.level}, pool of ${t.poolSize}: ` +
        `${t.perSecond.toFixed(1)}/s (${t.passed} passed, median run ${t.medianRunMs} ms, load average ${t.loadAverage.toFixed(1)})`,
    );
    return {
      code_tests_per_s: round(t.perSecond, 1),
      code_tests_passed: t.passed,
      code_tests_median_run_ms: t.medianRunMs,
    };
  },
};

// policy_rederive_s: re-deriving every verdict of 1 M candidates from stored scores, in its own
// database (seeded with generate_series). WINNOW_BENCH_POLICY_CANDIDATES changes the size; 0 skips.
const policyRederive: Section = {
  name: 'policy-rederive',
  async run(): Promise<Metrics> {
    const n = Number(process.env.WINNOW_BENCH_POLICY_CANDIDATES ?? 1_000_000);
    if (!n) return {};
    const { freshBenchDatabase } = await import('./bench-utils');
    const db = await freshBenchDatabase('verify_policy');
    try {
      const { measureRederive } = await import('../evaluation/rederive/measure-rederive');
      const r = await measureRederive(n);
      const line = (x: typeof r.first) =>
        `${x.accepted.toLocaleString('en-US')} accepted, ${x.changedCandidates.toLocaleString('en-US')} candidates and ${x.changedPrompts.toLocaleString('en-US')} prompts written; reading ${(x.readMs / 1000).toFixed(1)} s, writing ${(x.writeMs / 1000).toFixed(1)} s`;
      console.log(`policy re-derive: ${r.candidates.toLocaleString('en-US')} candidates (seeded in ${r.seedS.toFixed(1)} s)`);
      console.log(`  from scratch: ${r.firstS.toFixed(2)} s (${line(r.first)})`);
      console.log(`  after a threshold/top-k change: ${r.thresholdS.toFixed(2)} s (${line(r.threshold)})`);
      const { loadavg } = await import('node:os');
      console.log(`  load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
      return { policy_rederive_s: round(r.firstS, 2), policy_rederive_change_s: round(r.thresholdS, 2), policy_rederive_candidates: r.candidates };
    } finally {
      const { closePgPool } = await import('../db/pool');
      await closePgPool();
      await db.release();
    }
  },
};

const sections: Section[] = [mathAnswer, codeTests, policyRederive];

const result: Record<string, unknown> = { bench: 'verify' };
for (const section of sections) Object.assign(result, await section.run());
printResult(result);
