import { describe, expect, it } from 'vitest';
import { rowsForPrompt } from '../rows-for-prompt';
import { exportFiltersSchema, EXPORT_FORMATS } from '../schemas';
import { cand, ctx, prompt, validateLine } from '../test-fixtures';
import type { ChatMessage } from '../types';
import { FORMATS } from '.';

const filters = (over = {}) => exportFiltersSchema.parse(over);
const emoji = 'Résumé 🙂👍🏽 — 你好，世界 — こんにちは';

function promptWithPair(messages: ChatMessage[] = [{ role: 'user', content: `Say hi ${emoji}` }]) {
  return prompt({
    messages,
    candidates: [
      cand({ id: 1, content: `Hi! ${emoji}`, finalStatus: 'accepted', aggregate: 0.9, rank: 1 }),
      cand({ id: 2, content: 'no.', finalStatus: 'rejected', aggregate: 0.2 }),
    ],
  });
}

describe('every format', () => {
  for (const name of EXPORT_FORMATS) {
    it(`${name}: rows obey the format's schema and keep UTF-8 (emoji, CJK) intact through JSON`, () => {
      const out = rowsForPrompt(promptWithPair(), FORMATS[name], filters(), ctx());
      expect(out.rows.length).toBeGreaterThan(0);
      for (const row of out.rows) {
        const line = JSON.stringify(row);
        const back = JSON.parse(Buffer.from(line, 'utf8').toString('utf8'));
        const texts = validateLine(name, back);
        expect(texts.join(' ')).toContain(emoji);
      }
    });
  }
});

describe('conversations', () => {
  const sys: ChatMessage[] = [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Q1' },
    { role: 'assistant', content: 'A1' },
    { role: 'user', content: 'Q2' },
  ];

  it('openai-chat keeps system and earlier turns, the answer last', () => {
    const out = rowsForPrompt(promptWithPair(sys), FORMATS['openai-chat'], filters(), ctx());
    expect(out.rows[0]).toEqual({ messages: [...sys, { role: 'assistant', content: `Hi! ${emoji}` }] });
  });

  it("adds the run's system prompt when the prompt has none", () => {
    const c = ctx({ runs: new Map([[1, { id: 1, kind: 'generate', model: 'm', params: { system: 'You are terse.' } }]]) });
    const out = rowsForPrompt(promptWithPair(), FORMATS['trl-sft'], filters(), c);
    expect((out.rows[0].messages as { role: string }[])[0]).toEqual({ role: 'system', content: 'You are terse.' });
  });

  it('sharegpt maps roles to system/human/gpt', () => {
    const out = rowsForPrompt(promptWithPair(sys), FORMATS.sharegpt, filters(), ctx());
    expect((out.rows[0].conversations as { from: string }[]).map((m) => m.from)).toEqual(['system', 'human', 'gpt', 'human', 'gpt']);
  });

  it('alpaca skips multi-turn prompts and reports them', () => {
    const out = rowsForPrompt(promptWithPair(sys), FORMATS.alpaca, filters(), ctx());
    expect(out.rows).toEqual([]);
    expect(out.skipped).toEqual({ 'multi-turn': 1 });
  });

  it('alpaca keeps a system message in its own field', () => {
    const out = rowsForPrompt(promptWithPair([sys[0], sys[1]]), FORMATS.alpaca, filters(), ctx());
    expect(out.rows).toEqual([{ instruction: 'Q1', input: '', output: `Hi! ${emoji}`, system: 'Be brief.' }]);
  });

  it('skips, never writes, an empty answer or a conversation whose roles do not alternate', () => {
    const empty = prompt({ candidates: [cand({ content: '   ', finalStatus: 'accepted' })] });
    expect(rowsForPrompt(empty, FORMATS['trl-sft'], filters(), ctx())).toMatchObject({ rows: [], skipped: { 'empty-content': 1 } });
    const twoUsers = prompt({
      messages: [
        { role: 'user', content: 'a' },
        { role: 'user', content: 'b' },
      ],
      candidates: [cand({ finalStatus: 'accepted' })],
    });
    expect(rowsForPrompt(twoUsers, FORMATS['openai-chat'], filters(), ctx())).toMatchObject({ rows: [], skipped: { 'roles-do-not-alternate': 1 } });
    const endsWithAssistant = prompt({ messages: sys.slice(0, 3), candidates: [cand({ finalStatus: 'accepted' })] });
    expect(rowsForPrompt(endsWithAssistant, FORMATS['trl-sft'], filters(), ctx()).rows).toEqual([]);
  });

  it('raw carries scores, decision and statuses', () => {
    const p = prompt({
      candidates: [
        cand({
          id: 7,
          sampleIndex: 3,
          finalStatus: 'approved',
          autoVerdict: 'rejected',
          aggregate: 0.4,
          scores: { exact: { value: 1, passed: true, rationale: 'ok', error: null } },
          decision: { verdict: 'approved', reviewer: 'c@x', note: null },
        }),
      ],
    });
    const [row] = rowsForPrompt(p, FORMATS.raw, filters({ status: 'all' }), ctx()).rows;
    expect(row).toMatchObject({
      prompt_id: 'p1',
      sample_index: 3,
      final_status: 'approved',
      auto_verdict: 'rejected',
      aggregate: 0.4,
      scores: { exact: { value: 1, passed: true, rationale: 'ok', error: null } },
      decision: { verdict: 'approved', reviewer: 'c@x', note: null },
    });
  });
});
