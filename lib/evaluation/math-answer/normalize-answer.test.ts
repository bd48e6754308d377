import { describe, expect, it } from 'vitest';
import { cleanLatex, normalizeAnswer, splitTopLevel } from './normalize-answer';

describe('cleanLatex', () => {
  const cases: [string, string][] = [
    ['18', '18'],
    ['\\$18.90', '18.90'],
    ['$1,000', '1000'],
    ['10,\\!080', '10080'], // MATH-500
    ['11,\\! 111,\\! 111,\\! 100', '11111111100'], // MATH-500
    ['\\$32,\\!348', '32348'], // MATH-500
    ['1{,}000', '1000'],
    ['50\\%', '50'],
    ['50%', '50'],
    ['90^\\circ', '90'],
    ['90^{\\circ}', '90'],
    ['90°', '90'],
    ['18.', '18'],
    ['\\dfrac{17}{50}', '\\frac{17}{50}'],
    ['\\tfrac12', '\\frac{1}{2}'],
    ['\\frac 34', '\\frac{3}{4}'],
    ['\\frac9{19}', '\\frac{9}{19}'],
    ['\\frac{270}7\\text{ degrees}', '\\frac{270}{7}'],
    ['\\sqrt2', '\\sqrt{2}'],
    ['11 \\sqrt{5} + 11', '11\\sqrt{5}+11'],
    ['\\left( 3, \\frac{\\pi}{2} \\right)', '(3,\\frac{\\pi}{2})'],
    ['\\left(\\frac{3}{5},\\frac{8}{3}\\right]', '(\\frac{3}{5},\\frac{8}{3}]'],
    ['5.4 \\text{ cents}', '5.4'],
    ['15\\mbox{ cm}^2', '15'],
    ['864 \\mbox{ inches}^2', '864'],
    ['18 dollars', '18'],
    ['3 hours.', '3'],
    ['12 eggs/day', '12'],
    ['60 km/h', '60'],
    ['\\text{Evelyn}', 'Evelyn'],
    ['\\mathrm{5}', '5'],
    ['10^{3}', '10^3'],
    ['\\cot x', '\\cot x'],
    ['\\displaystyle \\frac{1}{2}', '\\frac{1}{2}'],
    ['\\(x^2\\)', 'x^2'],
    ['{5}', '5'],
    ['+5', '5'],
    ['\u22125', '-5'],
    ['3, 5, and 7', '3,5,7'],
    ['x \\geq 2', 'x\\ge2'],
    ['\\begin{pmatrix} -1 & 0 \\\\ 0 & -1 \\end{pmatrix}', '\\begin{pmatrix}-1&0\\\\0&-1\\end{pmatrix}'],
  ];
  it.each(cases)('%s → %s', (raw, clean) => expect(cleanLatex(raw)).toBe(clean));

  it('is idempotent', () => {
    for (const [raw] of cases) expect(cleanLatex(cleanLatex(raw))).toBe(cleanLatex(raw));
  });
});

describe('normalizeAnswer', () => {
  it('gives numbers a value, literal when written as a decimal', () => {
    expect(normalizeAnswer('3,000')).toMatchObject({ value: 3000, literal: true });
    expect(normalizeAnswer('.0000672')).toMatchObject({ value: 0.0000672, literal: true });
    expect(normalizeAnswer('\\frac{1}{2}')).toMatchObject({ value: 0.5, literal: false });
    expect(normalizeAnswer('1\\frac{4}{5}').value).toBeCloseTo(1.8, 12); // mixed number
    expect(normalizeAnswer('137 \\frac{1}{2}').value).toBe(137.5);
    expect(normalizeAnswer('-2\\frac{1}{4}').value).toBe(-2.25);
  });

  it('drops a variable name: x=5, x \\in [-2,7]', () => {
    expect(normalizeAnswer('x=5')).toMatchObject({ text: '5', value: 5 });
    expect(normalizeAnswer('x \\in [-2,7]').group).toMatchObject({ open: '[', close: ']', ordered: true });
  });

  it('lower-cases words and unwraps multiple-choice letters', () => {
    expect(normalizeAnswer('\\text{Evelyn}').text).toBe('evelyn');
    expect(normalizeAnswer('\\text{(B)}').text).toBe('B');
  });

  it('parses tuples, intervals, sets, lists, unions and matrices', () => {
    const kinds = (raw: string) => {
      const g = normalizeAnswer(raw).group;
      return g && { open: g.open, close: g.close, ordered: g.ordered, n: g.parts.length };
    };
    expect(kinds('(1,-16,-4,43)')).toEqual({ open: '(', close: ')', ordered: true, n: 4 });
    expect(kinds('(3,4]')).toEqual({ open: '(', close: ']', ordered: true, n: 2 });
    expect(kinds('\\{1\\pm\\sqrt{5},-2\\}')).toEqual({ open: '\\{', close: '\\}', ordered: false, n: 3 });
    expect(kinds('3, 5, 7')).toEqual({ open: '', close: '', ordered: false, n: 3 });
    expect(kinds('1 \\pm \\sqrt{19}')).toEqual({ open: '', close: '', ordered: false, n: 2 });
    expect(kinds('(-\\infty, 2) \\cup (3, \\infty)')).toEqual({ open: 'cup', close: '', ordered: false, n: 2 });
    expect(kinds('\\begin{pmatrix} 1/5 \\\\ -18/5 \\end{pmatrix}')).toEqual({ open: 'matrix', close: '', ordered: true, n: 2 });
    expect(kinds('(a+5)(b+2)')).toBeNull(); // a product, not a tuple
    expect(kinds('(5)')).toBeNull();
    expect(normalizeAnswer('(5)').value).toBe(5);
  });

  it('samples expressions in variables and marks equations', () => {
    expect(normalizeAnswer('2k+2').samples).toHaveLength(3);
    expect(normalizeAnswer('5x - 7y + 11z + 4 = 0')).toMatchObject({ equation: true });
    expect(normalizeAnswer('204_5')).toMatchObject({ text: '204_5', value: null, samples: null });
  });

  it('treats very long answers as text only', () => {
    const prose = 'so we have 5 apples and '.repeat(40);
    expect(normalizeAnswer(prose)).toMatchObject({ value: null, samples: null, group: null });
  });
});

describe('splitTopLevel', () => {
  it('splits only outside brackets', () => {
    expect(splitTopLevel('(1,2),[3,4),\\{5,6\\}', ',')).toEqual(['(1,2)', '[3,4)', '\\{5,6\\}']);
    expect(splitTopLevel('(0,9)\\cup(9,36)', '\\cup')).toEqual(['(0,9)', '(9,36)']);
  });
});
