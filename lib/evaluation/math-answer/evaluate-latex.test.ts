import { describe, expect, it } from 'vitest';
import { evaluateLatex } from './evaluate-latex';

describe('evaluateLatex', () => {
  // Inputs are cleaned (no whitespace except after a command before a letter).
  const constants: [string, number][] = [
    ['1/2', 0.5],
    ['\\frac{1}{2}', 0.5],
    ['\\frac{\\sqrt{3}}{2}', Math.sqrt(3) / 2],
    ['2\\sqrt{3}', 2 * Math.sqrt(3)],
    ['\\sqrt[3]{-8}', -2],
    ['10^3', 1000],
    ['10^{-2}', 0.01],
    ['2^23', 12], // LaTeX: 2^2 · 3
    ['-3^2', -9],
    ['2\\times10^3', 2000],
    ['6\\div4', 1.5],
    ['3\\cdot4', 12],
    ['\\frac{\\pi}{2}', Math.PI / 2],
    ['12\\pi', 12 * Math.PI],
    ['(1+2)(3+4)', 21],
    ['18+2\\pi', 18 + 2 * Math.PI],
    ['.5', 0.5],
  ];
  it.each(constants)('%s = %d', (s, v) => {
    const e = evaluateLatex(s);
    expect(e?.samples).toBeNull();
    expect(e?.value).toBeCloseTo(v, 12);
  });

  it('samples expressions with variables at fixed points', () => {
    const a = evaluateLatex('2k+2')!;
    const b = evaluateLatex('2(k+1)')!;
    expect(a.value).toBeNull();
    expect(a.samples).toHaveLength(3);
    a.samples!.forEach((v, i) => expect(v).toBeCloseTo(b.samples![i], 12));
    expect(evaluateLatex('\\cot x')!.samples![0]).toBeCloseTo(1 / Math.tan(evaluateLatex('x')!.samples![0]), 12);
  });

  it.each(['\\infty', '204_5', '1,2', 'x=5', '\\frac{1}', '(1+2', '', '1.2.3', '\\unknown{3}', '1/0'])(
    '%s is not a plain expression',
    (s) => expect(evaluateLatex(s)).toBeNull(),
  );
});
