import { describe, expect, it } from 'vitest';
import { isRole, roleAtLeast } from './roles';

describe('roleAtLeast', () => {
  it.each([
    ['viewer', 'viewer', true],
    ['viewer', 'curator', false],
    ['viewer', 'admin', false],
    ['curator', 'viewer', true],
    ['curator', 'curator', true],
    ['curator', 'admin', false],
    ['admin', 'viewer', true],
    ['admin', 'admin', true],
  ] as const)('%s ≥ %s is %s', (role, min, expected) => {
    expect(roleAtLeast(role, min)).toBe(expected);
  });

  it('nobody is at least anything', () => {
    expect(roleAtLeast(null, 'viewer')).toBe(false);
    expect(roleAtLeast(undefined, 'viewer')).toBe(false);
  });

  it('recognises roles', () => {
    expect(isRole('curator')).toBe(true);
    expect(isRole('root')).toBe(false);
  });
});
