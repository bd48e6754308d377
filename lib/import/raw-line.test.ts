import { describe, expect, it } from 'vitest';
import { groupRawLines, rawLineSchema } from './raw-line';

const line = (over: Record<string, unknown>) =>
  rawLineSchema.parse({ prompt_id: 'p1', messages: [{ role: 'user', content: 'q' }], reference: '4', content: 'a', ...over });

describe('raw lines → import record + restore items', () => {
  it('one record per prompt; candidates in line order; statuses, scores and decisions kept', () => {
    const { record, restore } = groupRawLines([
      line({ content: '4', model: 'm', aggregate: 0.9, auto_verdict: 'accepted', final_status: 'accepted', scores: { exact: { value: 1, passed: true } } }),
      line({ content: '5', auto_verdict: 'accepted', decision: { verdict: 'rejected', reviewer: 'c@x' }, scores: { rm: 0.25 } }),
    ]);
    expect(record).toEqual({ id: 'p1', messages: [{ role: 'user', content: 'q' }], reference: '4', candidates: [{ content: '4', model: 'm' }, { content: '5', model: null }] });
    expect(restore[0]).toMatchObject({ position: 0, finalStatus: 'accepted', aggregate: 0.9, scores: { exact: { value: 1, passed: true, rationale: null, error: null } } });
    // Without final_status the contract applies: the curator's verdict, else the auto verdict.
    expect(restore[1]).toMatchObject({ position: 1, finalStatus: 'rejected', decision: { verdict: 'rejected', reviewer: 'c@x', note: null }, scores: { rm: { value: 0.25, passed: null } } });
  });

  it('rejects unknown statuses and a missing content', () => {
    expect(rawLineSchema.safeParse({ prompt_id: 'p', messages: [], content: 'x', final_status: 'maybe' }).success).toBe(false);
    expect(rawLineSchema.safeParse({ prompt_id: 'p', messages: [] }).success).toBe(false);
  });
});
