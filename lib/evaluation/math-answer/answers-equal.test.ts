import { describe, expect, it } from 'vitest';
import { answersEqual, numbersEqual } from './answers-equal';

describe('answersEqual', () => {
  // [got, expected]
  const equal: [string, string][] = [
    // numbers: commas, $, %, units, trailing dots
    ['3,000', '3000'], // real GSM8K candidate labelled correct
    ['6,250', '6,250'],
    ['\\$18.90', '18.9'],
    ['$1,000.50', '1000.5'],
    ['50\\%', '50'],
    ['18.', '18'],
    ['18.00', '18'],
    ['18 dollars', '18'],
    ['5.4 \\text{ cents}', '5.4'],
    ['15\\mbox{ cm}^2', '15'],
    ['\\frac{270}7\\text{ degrees}', '\\frac{270}{7}'],
    ['\u22125', '-5'],
    ['10,\\!080', '10080'],
    // fractions and decimals
    ['\\frac{1}{2}', '0.5'],
    ['\\dfrac12', '\\frac{1}{2}'],
    ['\\tfrac{1}{2}', '1/2'],
    ['\\frac 34', '0.75'],
    ['-\\frac{3}{8}', '-0.375'],
    ['0.3333333', '\\frac{1}{3}'], // within 1e-6 relative
    ['1\\frac{4}{5}', '\\frac{9}{5}'],
    ['137 \\frac{1}{2}', '137.5'],
    ['.35625', '0.35625'],
    // LaTeX noise
    ['\\left( 3, \\frac{\\pi}{2} \\right)', '(3,\\frac{\\pi}{2})'],
    ['11,\\! 111,\\! 111,\\! 100', '11111111100'],
    ['90^\\circ', '90'],
    ['90^{\\circ}', '90'],
    ['\\text{Evelyn}', 'Evelyn'],
    ['\\mathrm{east}', 'East'],
    ['\\text{(C)}', 'C'],
    ['2 \\sqrt{5}', '2\\sqrt{5}'],
    ['\\displaystyle\\frac{\\sqrt3}{2}', '\\frac{\\sqrt{3}}{2}'],
    // tuples and intervals
    ['(1, 2)', '(1,2)'],
    ['[0, 1)', '[0,1)'],
    ['\\left[ \\frac{\\pi^2}{8}, \\frac{5 \\pi^2}{4} \\right]', '[\\pi^2/8, 5\\pi^2/4]'],
    ['(0.5, -13)', '\\left( \\frac{3}{2} - 1, -13 \\right)'],
    ['(-\\infty, 0]', '(-\\infty,0]'],
    ['(3, \\infty) \\cup (-\\infty, 2)', '(-\\infty, 2) \\cup (3, \\infty)'],
    ['\\begin{pmatrix} -1/3 \\\\ 2/3 \\\\ 5/3 \\end{pmatrix}', '\\begin{pmatrix} -\\frac13 \\\\ \\frac23 \\\\ \\frac53 \\end{pmatrix}'],
    // sets and lists: order does not matter
    ['\\{-2, 1+\\sqrt{5}, 1-\\sqrt{5}\\}', '\\{1\\pm\\sqrt{5},-2\\}'],
    ['-2,1', '1,-2'],
    ['7, 5, 3', '3, 5, and 7'],
    ['1+\\sqrt{19}, 1-\\sqrt{19}', '1 \\pm \\sqrt{19}'],
    // cheap symbolic equivalence
    ['x=5', '5'],
    ['\\sqrt{12}', '2\\sqrt{3}'],
    ['\\frac{\\pi}{2}', '\\pi/2'],
    ['10^{3}', '1000'],
    ['2\\times 10^3', '2000'],
    ['\\frac{\\sqrt{3}}{3}', '\\frac{1}{\\sqrt{3}}'],
    ['2(k+1)', '2k+2'],
    ['(b+2)(a+5)', '(a+5)(b+2)'],
    ['-x + 1 + x^2', 'x^2 - x + 1'],
    ['y = 2x + 3', '2x+3'],
    ['10x - 14y + 22z + 8 = 0', '5x - 7y + 11z + 4 = 0'], // an equation up to a factor
    ['\\frac{\\cos x}{\\sin x}', '\\cot x'],
    ['7i - 2', '-2 + 7i'],
  ];
  it.each(equal)('%s = %s', (got, expected) => {
    expect(answersEqual(got, expected)).toBe(true);
    expect(answersEqual(expected, got)).toBe(true);
  });

  const different: [string, string][] = [
    ['26', '18'], // real GSM8K candidate labelled wrong
    ['90,000', '70000'],
    ['1/5', '2'],
    ["10+John's age", '50'],
    ['1000000.5', '1000000'], // decimal literals compare exactly
    ['1000001', '1000000'], // integers compare exactly
    ['0.33', '\\frac{1}{3}'],
    ['3.14', '\\pi'],
    ['(1,2)', '[1,2]'], // bracket types matter
    ['(1,2)', '(2,1)'], // tuples are ordered
    ['[0,1)', '[0,1]'],
    ['(1,2)', '1,2'],
    ['1,2,3', '1,2'],
    ['x^2+1', 'x^2-1'],
    ['2k', '2k+2'],
    ['3R^2', '3r^2'],
    ['\\text{east}', '\\text{west}'],
    ['east', 'seat'], // words are not products of variables
    ['204_5', '204'],
    ['\\text{(B)}', '\\text{(C)}'],
    ['x+2y=3', 'x+2y=4'],
    ['5', '\\{5\\}'],
    ['', '5'],
    ['\\infty', '5'],
  ];
  it.each(different)('%s ≠ %s', (got, expected) => {
    expect(answersEqual(got, expected)).toBe(false);
    expect(answersEqual(expected, got)).toBe(false);
  });
});

describe('numbersEqual', () => {
  it('is exact for integers and literals, relative 1e-6 otherwise', () => {
    expect(numbersEqual(3, 3)).toBe(true);
    expect(numbersEqual(1e6, 1e6 + 1)).toBe(false);
    expect(numbersEqual(0.1 + 0.2, 0.3)).toBe(true);
    expect(numbersEqual(0.1 + 0.2, 0.3, true)).toBe(false);
    expect(numbersEqual(1, 1 + 1e-7)).toBe(true);
    expect(numbersEqual(1, 1 + 1e-5)).toBe(false);
    expect(numbersEqual(0, 1e-13)).toBe(true);
  });
});
