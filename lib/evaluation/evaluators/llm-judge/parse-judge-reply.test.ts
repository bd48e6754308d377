import { describe, expect, it } from 'vitest';
import { findJsonObject, normalizeRating, parseJudgeScore, parsePairwiseVerdict } from './parse-judge-reply';

describe('parseJudgeScore', () => {
  // [reply, scale, expected score, how]
  const good: Array<[string, number, number, string]> = [
    ['The answer is correct and well explained. Rating: [[9]]', 10, 9, 'brackets'],
    ['[[7]]', 10, 7, 'brackets'],
    ['Format "[[rating]]". My verdict: [[ 8.5 ]]', 10, 8.5, 'brackets'],
    ['Rating: [[4/5]]', 5, 4, 'brackets'],
    ['Rating: 7/10', 10, 7, 'labelled'],
    ['score: 7', 10, 7, 'labelled'],
    ['Overall, I would give it a score of 3 out of 5.', 5, 3, 'labelled'],
    ['Grade = 10', 10, 10, 'labelled'],
    ['Rating: 1', 10, 1, 'labelled'],
    ['Mostly right, minor slip. 4 out of 5', 5, 4, 'fraction'],
    ['{"rationale": "Correct.", "score": 8}', 10, 8, 'json'],
    ['{"score": "6"}', 10, 6, 'json'],
    ['{"Rating": "[[5]]", "explanation": "ok"}', 10, 5, 'json'],
    ['```json\n{"rationale": "Wrong final answer.", "score": 2}\n```', 10, 2, 'json'],
    ['Here is my evaluation: {"rationale": "fine {braces} \\"quoted\\"", "score": 6} — done.', 10, 6, 'json'],
    ['{"score": 5, "rationale": "top of a 5-point scale"}', 5, 5, 'json'],
  ];
  it.each(good)('%j on 1..%i → %d', (reply, scale, score, how) => {
    const r = parseJudgeScore(reply, scale);
    expect(r).toMatchObject({ ok: true, score, how });
    if (r.ok) expect(r.value).toBeCloseTo((score - 1) / (scale - 1), 12);
  });

  // [reply, scale, error fragment]
  const bad: Array<[string | null, number, RegExp]> = [
    ['', 10, /empty reply/],
    [null, 10, /empty reply/],
    ['   \n ', 10, /empty reply/],
    ['Rating: [[11]]', 10, /11 is outside 1 to 10/],
    ['Rating: [[0]]', 10, /0 is outside 1 to 10/],
    ['score: -3', 10, /-3 is outside/],
    ['Rating: [[7]]', 5, /7 is outside 1 to 5/],
    ['Rating: 8/10', 5, /another scale \(8\/10, expected 1 to 5\)/],
    ['{"score": 42}', 10, /42 is outside/],
    ['{"score": null, "rationale": "cannot judge"}', 10, /JSON has no numeric score/],
    ['{"score": "excellent"}', 10, /JSON has no numeric score/],
    ["I'm sorry, but I can't help with evaluating this content.", 10, /refused/],
    ['I cannot provide a rating for this response.', 10, /refused/],
    ['I am not able to rate this.', 10, /refused/],
    ['As an AI language model, I do not grade answers.', 10, /refused/],
    ['asdf qwerty {not json', 10, /no score found/],
    ['Rating: [[rating]]', 10, /no score found/],
    ['It uses 1/2 of the cake.', 10, /no score found/],
    ['<html><body>502 Bad Gateway</body></html>', 10, /no score found/],
  ];
  it.each(bad)('%j on 1..%i is an error', (reply, scale, error) => {
    const r = parseJudgeScore(reply, scale);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });

  it('keeps the explanation before the rating as the rationale', () => {
    const r = parseJudgeScore('The final answer 18 matches the reference.\n\nRating: [[10]]', 10);
    expect(r).toMatchObject({ ok: true, rationale: 'The final answer 18 matches the reference.' });
  });

  it('takes the last rating when the judge quotes the format first', () => {
    expect(parseJudgeScore('Format: "[[5]]" as in the example. Verdict: [[3]]', 10)).toMatchObject({ ok: true, score: 3 });
  });

  it('caps the rationale length', () => {
    const r = parseJudgeScore(JSON.stringify({ rationale: 'x'.repeat(5000), score: 4 }), 10);
    expect(r.ok && r.rationale!.length).toBe(2000);
  });
});

describe('normalizeRating', () => {
  it.each([
    [1, 10, 0],
    [10, 10, 1],
    [7, 10, 2 / 3],
    [1, 5, 0],
    [3, 5, 0.5],
    [5, 5, 1],
    [2, 2, 1],
  ])('%d on 1..%d → %d', (s, scale, v) => expect(normalizeRating(s, scale)).toBeCloseTo(v, 12));
});

describe('parsePairwiseVerdict', () => {
  const good: Array<[string, 'A' | 'B' | 'tie']> = [
    ['Assistant A is more accurate. [[A]]', 'A'],
    ['[[B]]', 'B'],
    ['Both are equally good. [[C]]', 'tie'],
    ['Output "[[A]]" if A is better… Final verdict: [[B]]', 'B'],
    ['{"rationale": "B is right", "winner": "B"}', 'B'],
    ['{"winner": "tie"}', 'tie'],
    ['{"verdict": "[[A]]"}', 'A'],
    ['After comparing, Assistant B is better because it is correct.', 'B'],
    ['Winner: A', 'A'],
  ];
  it.each(good)('%j → %s', (reply, winner) => expect(parsePairwiseVerdict(reply)).toMatchObject({ ok: true, winner }));

  const bad: Array<[string, RegExp]> = [
    ['', /empty/],
    ['{"winner": "D"}', /names no winner/],
    ["I'm sorry, I can't compare these.", /refused/],
    ['Both have merits and flaws.', /no verdict/],
  ];
  it.each(bad)('%j is an error', (reply, error) => {
    const r = parsePairwiseVerdict(reply);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });
});

describe('findJsonObject', () => {
  it('skips objects without the wanted keys and unbalanced braces', () => {
    expect(findJsonObject('{"a": 1} then {"score": 3}', ['score'])).toEqual({ score: 3 });
    expect(findJsonObject('{"score": 3', ['score'])).toBeNull();
  });
});
