import { describe, expect, it } from 'vitest';
import { decisionInputSchema, parseQueueQuery, queueSearchParams } from './schemas';

describe('queue query', () => {
  it('defaults: most uncertain first, not reviewed, no filter', () => {
    expect(parseQueueQuery({})).toMatchObject({ order: 'uncertain', reviewed: 'no', status: 'any', q: '', limit: 50 });
    expect(queueSearchParams(parseQueueQuery({})).toString()).toBe('');
  });

  it('round-trips through the URL', () => {
    const q = parseQueueQuery({ order: 'random', seed: '9', status: 'pending', reviewed: 'any', min: '0.4', max: '0.6', evaluator: '3', result: 'passed', q: 'eggs' });
    expect(parseQueueQuery(queueSearchParams(q))).toEqual(q);
  });

  it('falls back on bad values instead of failing', () => {
    expect(parseQueueQuery({ order: 'sideways', min: '7', status: 'x', limit: '100000' })).toMatchObject({ order: 'uncertain', min: undefined, status: 'any', limit: 50 });
  });

  it('a decision needs a version and a known action', () => {
    expect(decisionInputSchema.safeParse({ datasetId: 1, candidateId: 2, action: 'approve' }).success).toBe(false);
    expect(decisionInputSchema.safeParse({ datasetId: 1, candidateId: 2, action: 'delete', version: 0 }).success).toBe(false);
    expect(decisionInputSchema.parse({ datasetId: '1', candidateId: '2', action: 'reset', version: '3' })).toMatchObject({ datasetId: 1, version: 3 });
  });
});
