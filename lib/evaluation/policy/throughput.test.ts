// Micro-benchmark: prints candidates/s for 1 M synthetic candidates (125k prompts × 8, a gate and a
// judge). Asserts correctness of the counts only — timing depends on the machine. Target: ≥ 300k/s,
// so that re-deriving 1 M candidates fits in 30 s with the DB I/O around it.
import { describe, expect, it } from 'vitest';
import { deriveDataset, type CandidateRow } from './derive-dataset';
import { derivePromptVerdicts } from './derive-verdicts';
import { preparePolicy } from './prepare-policy';
import { parsePolicy } from './schemas';
import { JUDGE, MATH, rng } from './test-fixtures';
import type { PolicyCandidate, PolicyScore } from './types';

const PROMPTS = 125_000;
const PER_PROMPT = 8;
const plan = preparePolicy(parsePolicy({ threshold: 0.5, topK: 1 }), [MATH, JUDGE]);

/** Rows as the DB layer would build them: one Map and two score objects per candidate. */
function* syntheticRows(prompts: number, seed: number): Generator<CandidateRow> {
  const random = rng(seed);
  let id = 0;
  for (let p = 1; p <= prompts; p++) {
    for (let s = 0; s < PER_PROMPT; s++) {
      const passed = random() < 0.4;
      const scores = new Map<number, PolicyScore>([
        [MATH.id, { value: passed ? 1 : 0, passed, rationale: passed ? 'got 18, equal to expected 18' : 'got 26, expected 18' }],
        [JUDGE.id, { value: Math.round(random() * 100) / 100, passed: null }],
      ]);
      // One in ten repeats the first sample word for word, as low-temperature sampling does.
      const hash = random() < 0.1 ? `p${p}-0` : `p${p}-${s}`;
      yield { promptId: p, id: ++id, sampleIndex: s, runId: 1, contentHash: hash, scores };
    }
  }
}

const rate = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString('en-US')}/s`;

/** Wall and CPU time: on a shared, loaded machine the CPU figure is the one that says what the code costs. */
function measure(label: string, n: number, t0: number, c0: NodeJS.CpuUsage): void {
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const cpuMs = (c.user + c.system) / 1000;
  console.log(`[policy] ${label}: ${n} candidates, wall ${ms.toFixed(0)} ms = ${rate(n, ms)}; cpu ${cpuMs.toFixed(0)} ms = ${rate(n, cpuMs)}`);
}

describe('policy throughput', () => {
  it('re-derives 1 M candidates, streamed with row construction', { timeout: 120_000 }, () => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    let candidates = 0;
    let accepted = 0;
    for (const o of deriveDataset(plan, syntheticRows(PROMPTS, 1))) {
      candidates += o.candidates.length;
      accepted += o.prompt.acceptedCount;
    }
    measure('stream incl. building rows', candidates, t0, c0);
    expect(candidates).toBe(PROMPTS * PER_PROMPT);
    // 1 − 0.8^8 ≈ 83% of prompts have a candidate passing both the gate (40%) and the threshold (50%).
    expect(accepted).toBeGreaterThan(0.8 * PROMPTS);
    expect(accepted).toBeLessThanOrEqual(PROMPTS);
  });

  it('pure core: 1 M candidates through derivePromptVerdicts', { timeout: 120_000 }, () => {
    // A pool of 2,000 prompts reused, so the measurement is the policy, not the row builder.
    const pool: PolicyCandidate[][] = [];
    let current: PolicyCandidate[] = [];
    let last = -1;
    for (const r of syntheticRows(2_000, 2)) {
      if (r.promptId !== last && current.length > 0) {
        pool.push(current);
        current = [];
      }
      last = r.promptId;
      current.push(r);
    }
    pool.push(current);
    for (let i = 0; i < 20_000; i++) derivePromptVerdicts(plan, pool[i % pool.length]); // warm up
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    let candidates = 0;
    for (let i = 0; i < PROMPTS; i++) candidates += derivePromptVerdicts(plan, pool[i % pool.length]).candidates.length;
    measure('pure core', candidates, t0, c0);
    expect(candidates).toBe(PROMPTS * PER_PROMPT);
  });
});
