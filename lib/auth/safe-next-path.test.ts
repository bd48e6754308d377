import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safe-next-path';

describe('safeNextPath', () => {
  it.each([
    [undefined, '/datasets'],
    ['', '/datasets'],
    ['/datasets/3', '/datasets/3'],
    ['//evil.example/x', '/datasets'],
    ['/\\evil.example', '/datasets'],
    ['https://evil.example', '/datasets'],
    ['javascript:alert(1)', '/datasets'],
  ])('%s → %s', (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });
});
