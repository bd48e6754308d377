import { describe, expect, it } from 'vitest';
import { exportFiltersSchema } from './schemas';
import { selectCandidates } from './select-candidates';
import { cand } from './test-fixtures';

const f = (over = {}) => exportFiltersSchema.parse(over);
const ids = (list: { id: number }[]) => list.map((c) => c.id);

const pool = [
  cand({ id: 1, finalStatus: 'approved', aggregate: 0.5, rank: 2, scores: { exact: { value: 1, passed: true, rationale: null, error: null } } }),
  cand({ id: 2, finalStatus: 'accepted', aggregate: 0.9, rank: 1, scores: { exact: { value: 0, passed: false, rationale: null, error: null } } }),
  cand({ id: 3, finalStatus: 'rejected', aggregate: 0.95, rank: 3 }),
  cand({ id: 4, finalStatus: 'pending', aggregate: 0.1 }),
  cand({ id: 5, finalStatus: 'accepted', aggregate: 0.7, rank: 3 }),
];

describe('selectCandidates', () => {
  it('status accepted (default) = approved or auto-accepted, best first by rank', () => {
    expect(ids(selectCandidates(pool, f()))).toEqual([2, 1, 5]);
  });
  it('status approved = curator-approved only', () => {
    expect(ids(selectCandidates(pool, f({ status: 'approved' })))).toEqual([1]);
  });
  it('status all keeps every candidate', () => {
    expect(ids(selectCandidates(pool, f({ status: 'all' }))).sort()).toEqual([1, 2, 3, 4, 5]);
  });
  it('top-k keeps the K best per prompt', () => {
    expect(ids(selectCandidates(pool, f({ topK: 2 })))).toEqual([2, 1]);
  });
  it('min-score drops lower aggregates and missing ones', () => {
    expect(ids(selectCandidates([...pool, cand({ id: 9, finalStatus: 'accepted', aggregate: null })], f({ minScore: 0.6 })))).toEqual([2, 5]);
  });
  it('evaluator name=pass|fail filters by that evaluator\'s verdict (a missing score matches neither)', () => {
    expect(ids(selectCandidates(pool, f({ evaluators: ['exact=pass'] })))).toEqual([1]);
    expect(ids(selectCandidates(pool, f({ evaluators: ['exact=fail'] })))).toEqual([2]);
  });
  it('parses filters from strings (CLI and query string)', () => {
    expect(f({ topK: '3', minScore: '0.5', evaluators: 'a=pass,b=fail' })).toMatchObject({ topK: 3, minScore: 0.5, evaluators: [{ name: 'a', pass: true }, { name: 'b', pass: false }] });
    expect(exportFiltersSchema.safeParse({ topK: '0' }).success).toBe(false);
    expect(exportFiltersSchema.safeParse({ evaluators: ['exact=maybe'] }).success).toBe(false);
  });
});
