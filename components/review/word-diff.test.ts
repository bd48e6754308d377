import { describe, expect, it } from 'vitest';
import { sideBySide } from './word-diff';

describe('sideBySide', () => {
  it('marks words only in A as removed on the left, only in B as added on the right', () => {
    const d = sideBySide('The answer is 18 eggs.', 'The answer is 16 eggs.');
    expect(d.left.filter((s) => s.kind === 'removed').map((s) => s.text.trim())).toEqual(['18']);
    expect(d.right.filter((s) => s.kind === 'added').map((s) => s.text.trim())).toEqual(['16']);
    expect(d.left.map((s) => s.text).join('')).toBe('The answer is 18 eggs.');
    expect(d.right.map((s) => s.text).join('')).toBe('The answer is 16 eggs.');
    expect(d.changed).toBe(2);
  });

  it('identical texts have no changes', () => {
    expect(sideBySide('a b c', 'a b c')).toMatchObject({ changed: 0, same: 3 });
  });
});

describe('sideBySide keeps every character of both texts', () => {
  it('line breaks and spacing survive on both sides', () => {
    const a = 'It takes 2*1/2 bolt of white fiber\nSo it takes 2 + 1 = 3\nA: 3';
    const b = 'It takes 2 x 0.5 bolts of white fiber.\nSo it takes  2 + 1 = 3.0 bolts altogether.\nA: 3';
    const d = sideBySide(a, b);
    expect(d.left.map((s) => s.text).join('')).toBe(a);
    expect(d.right.map((s) => s.text).join('')).toBe(b);
    expect(d.left.some((s) => s.kind === 'removed')).toBe(true);
    expect(d.right.some((s) => s.kind === 'added')).toBe(true);
  });
});
