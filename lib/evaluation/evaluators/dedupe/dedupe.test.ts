// dedupe's results fed to the policy exactly as the engine stores them (duplicateOfId on the candidate).
import { describe, expect, it } from 'vitest';
import { hashContent } from '../../../candidates/hash-content';
import { derivePromptVerdicts } from '../../policy/derive-verdicts';
import { preparePolicy } from '../../policy/prepare-policy';
import { policySchema } from '../../policy/schemas';
import type { PolicyCandidate, PolicyScore } from '../../policy/types';
import type { EvalCandidate, EvalRuntime } from '../types';
import { dedupeConfigSchema } from './config';
import { dedupeEvaluator } from './index';

const rt: EvalRuntime = { endpoint: async () => null, signal: new AbortController().signal };
const prompt = { id: 1, externalId: 'p', messages: [{ role: 'user', content: 'q' }], reference: '18' };
const long = Array.from({ length: 40 }, (_, i) => `line ${i} of a careful derivation`).join('\n');

function cands(contents: string[]): EvalCandidate[] {
  return contents.map((content, i) => ({ id: 50 + i, sampleIndex: i, runId: 1, content, contentHash: hashContent(content), model: null }));
}

describe('dedupe evaluator', () => {
  const contents = [`${long}\n#### 18`, `${long}\nso #### 18`, `${long}\n#### 18`, 'Short and different: the answer is 26.'];

  it('marks duplicates with duplicateOfId and no score, and records answer groups', async () => {
    const rs = await dedupeEvaluator.evaluate({ prompt, candidates: cands(contents).reverse(), config: dedupeConfigSchema.parse({}) }, rt);
    expect(rs.map((r) => [r.candidateId, r.duplicateOfId])).toEqual([
      [50, null],
      [51, 50],
      [52, 50],
      [53, null],
    ]);
    expect(rs.every((r) => r.value === null && r.passed === null && !r.error)).toBe(true);
    expect(rs[0].rationale).toBe('first of 3 duplicates (#51, #52); answer 18 (3 of 4)');
    expect(rs[1].rationale).toMatch(/^duplicate of #50 \(Jaccard 0\.9\d\); answer 18 \(3 of 4\)$/);
    expect(rs[2].rationale).toBe('exact duplicate of #50; answer 18 (3 of 4)');
    expect(rs[3].rationale).toBe('unique; answer 26 (1 of 4)');
    expect(rs[3].raw).toMatchObject({ answer: '26', answerGroup: 1, answerGroupSize: 1, answerGroups: 2, duplicate: null });
  });

  it('feeds the policy: with top-k 2 a duplicate never joins its original, the next distinct one does', async () => {
    const cs = cands(contents);
    const rs = await dedupeEvaluator.evaluate({ prompt, candidates: cs, config: dedupeConfigSchema.parse({ answers: false }) }, rt);
    const dupOf = new Map(rs.map((r) => [r.candidateId, r.duplicateOfId ?? null]));
    const judge = { id: 2, name: 'judge', role: 'score' as const, weight: 1, kind: 'llm-judge' };
    const dedupe = { id: 9, name: 'dedupe', role: 'score' as const, weight: dedupeEvaluator.defaultWeight ?? 1, kind: 'dedupe' };
    // The near-duplicate #51 scores best; the exact copy #52 second; the distinct #53 last.
    const values: Record<number, number> = { 50: 0.8, 51: 0.95, 52: 0.9, 53: 0.7 };
    const policyCands: PolicyCandidate[] = cs.map((c) => ({
      id: c.id,
      sampleIndex: c.sampleIndex,
      runId: c.runId,
      contentHash: c.contentHash,
      duplicateOfId: dupOf.get(c.id),
      scores: new Map<number, PolicyScore>([
        [2, { value: values[c.id], passed: null }],
        [9, { value: null, passed: null }],
      ]),
    }));
    const plan = preparePolicy(policySchema.parse({ topK: 2, threshold: 0.5 }), [judge, dedupe]);
    const res = derivePromptVerdicts(plan, policyCands);
    const verdict = Object.fromEntries(res.candidates.map((v) => [v.id, v.autoVerdict]));
    expect(verdict).toEqual({ 50: 'rejected', 51: 'accepted', 52: 'rejected', 53: 'accepted' });
    expect(res.candidates.find((v) => v.id === 50)!.code).toBe('duplicate');
    expect(res.candidates.every((v) => v.excluded.length === 0)).toBe(true); // weight 0: never "missing"
  });

  it('validates its config with field names', () => {
    const r = dedupeConfigSchema.safeParse({ threshold: 1.5, shingleSize: 0 });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(['threshold: must be at most 1', 'shingleSize: must be at least 1']);
  });
});
