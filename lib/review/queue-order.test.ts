import { describe, expect, it } from 'vitest';
import { compareQueue, decodeQueueCursor, encodeQueueCursor, queueKey } from './queue-order';
import { afterCondition, orderKeyExpr, queueWhere } from './queue-sql';
import { queueFilterSchema } from './schemas';

const rows = [
  { id: 1, uncertainty: 0.2, randomKey: '5' },
  { id: 2, uncertainty: 0.9, randomKey: '-7' },
  { id: 3, uncertainty: 0.2, randomKey: '99999999999999999' },
  { id: 4, uncertainty: 0, randomKey: '5' },
];
const sorted = (order: 'uncertain' | 'id' | 'random') =>
  rows
    .map((r) => queueKey(order, r))
    .sort((a, b) => compareQueue(order, a, b))
    .map((k) => k.id);

describe('queue order', () => {
  it('most uncertain first, ties by id', () => {
    expect(sorted('uncertain')).toEqual([2, 1, 3, 4]);
  });
  it('by id', () => {
    expect(sorted('id')).toEqual([1, 2, 3, 4]);
  });
  it('random: by the seeded hash as a bigint, ties by id', () => {
    expect(sorted('random')).toEqual([2, 1, 4, 3]);
  });
});

describe('queue cursors', () => {
  it('round-trip in their own order only', () => {
    const c = encodeQueueCursor('uncertain', { k: 0.123456789, id: 42 });
    expect(decodeQueueCursor(c, 'uncertain')).toEqual({ k: 0.123456789, id: 42 });
    expect(decodeQueueCursor(c, 'id')).toBeNull();
  });
  it('random cursors are bound to their seed', () => {
    const c = encodeQueueCursor('random', { k: '-9223372036854775808', id: 3 }, 7);
    expect(decodeQueueCursor(c, 'random', 7)).toEqual({ k: '-9223372036854775808', id: 3 });
    expect(decodeQueueCursor(c, 'random', 8)).toBeNull();
  });
  it('refuses garbage', () => {
    expect(decodeQueueCursor('!!', 'id')).toBeNull();
    expect(decodeQueueCursor(btoa('{"v":1,"o":"id","k":"x","id":1}'), 'id')).toBeNull();
    expect(decodeQueueCursor(undefined, 'id')).toBeNull();
  });
});

describe('queue SQL', () => {
  it('puts every candidate-level condition on one candidate', () => {
    const params: unknown[] = [];
    const where = queueWhere(3, queueFilterSchema.parse({ status: 'pending', min: '0.4', max: '0.6', evaluator: '9', result: 'passed', q: '50%' }), params);
    expect(where).toContain('EXISTS (SELECT 1 FROM candidates c WHERE c.prompt_id = p.id AND c.final_status = $3::"FinalStatus" AND c.aggregate >= $4 AND c.aggregate <= $5 AND EXISTS');
    expect(where).toContain('s.passed = true');
    // No prompt is read when no candidate of the dataset has the status.
    expect(where).toContain('EXISTS (SELECT 1 FROM insight_cost_cells k WHERE k.dataset_id = $1 AND k.final_status = $3::text AND k.n > 0)');
    expect(params).toEqual([3, '%50\\%%', 'pending', 0.4, 0.6, 9]);
    expect(where).toContain('p.reviewed_at IS NULL'); // default: not reviewed
  });
  it('keyset conditions follow the order direction', () => {
    const params: unknown[] = [];
    expect(afterCondition('uncertain', orderKeyExpr('uncertain', 0, params), { k: 0.5, id: 9 }, params)).toBe('(p.uncertainty < $1 OR (p.uncertainty = $1 AND p.id > $2))');
    expect(afterCondition('id', 'p.id', { k: 9, id: 9 }, [])).toBe('p.id > $1');
  });
});
