import { describe, expect, it } from 'vitest';
import { parseOutputLine } from './parse-output-line';

const prices = { inputPerMillion: 1, outputPerMillion: 2 };

describe('parseOutputLine', () => {
  it('turns an n=2 answer into two rows with split usage and the batch discount', () => {
    const line = JSON.stringify({
      custom_id: 'r1.p7.s0.n2',
      response: {
        status_code: 200,
        body: { model: 'm-2024', usage: { prompt_tokens: 10, completion_tokens: 4 }, choices: [{ index: 1, message: { content: 'bb' }, finish_reason: 'stop' }, { index: 0, message: { content: 'aa' }, finish_reason: 'length' }] },
      },
    });
    const p = parseOutputLine(line, prices)!;
    expect(p.failure).toBeNull();
    expect(p.rows.map((r) => [r.sampleIndex, r.content, r.finishReason, r.promptTokens, r.completionTokens])).toEqual([
      [0, 'aa', 'length', 5, 2],
      [1, 'bb', 'stop', 5, 2],
    ]);
    expect(p.rows[0]!.costUsd).toBeCloseTo(((5 * 1 + 2 * 2) / 1e6) * 0.5, 12);
  });

  it('classifies error lines: a 400 is permanent, a 500 retryable', () => {
    const bad = parseOutputLine(JSON.stringify({ custom_id: 'r1.p7.s3.n1', response: { status_code: 400, body: { error: { message: 'max_tokens is too large' } } } }), prices)!;
    expect(bad.failure).toMatchObject({ kind: 'bad_request', retryable: false, message: 'max_tokens is too large' });
    const flaky = parseOutputLine(JSON.stringify({ custom_id: 'r1.p7.s3.n1', response: { status_code: 500, body: { error: { message: 'oops' } } } }), prices)!;
    expect(flaky.failure).toMatchObject({ kind: 'server', retryable: true });
  });

  it('ignores lines that are not ours', () => {
    expect(parseOutputLine('{"custom_id":"request-1"}', prices)).toBeNull();
    expect(parseOutputLine('not json', prices)).toBeNull();
  });
});
