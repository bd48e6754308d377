import { describe, expect, it } from 'vitest';
import { groupAnswers } from './group-answers';

describe('groupAnswers', () => {
  it('groups equivalent final answers by first appearance', () => {
    const g = groupAnswers(['So she earns $18.\n#### 18', 'The answer is 26.', 'Total: \\boxed{18}', 'I am not sure.', 'A: 18.00']);
    expect(g.map((x) => x.group)).toEqual([0, 1, 0, null, 0]);
    expect(g.map((x) => x.groupSize)).toEqual([3, 1, 3, 0, 3]);
    expect(g[0]).toMatchObject({ answer: '18', groups: 2 });
    expect(g[3].answer).toBeNull();
  });

  it('treats fractions and decimals as one answer', () => {
    expect(groupAnswers(['\\boxed{\\frac{1}{2}}', '\\boxed{0.5}', '\\boxed{\\dfrac12}']).map((x) => x.group)).toEqual([0, 0, 0]);
  });
});
