import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor';

describe('prompt cursors', () => {
  it('round-trips ids', () => {
    for (const id of [0, 1, 42, 99_999, 2_147_483_647]) expect(decodeCursor(encodeCursor(id))).toBe(id);
  });

  it('is URL-safe and opaque', () => {
    const c = encodeCursor(123456);
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(c).not.toContain('123456');
  });

  it('rejects garbage instead of throwing', () => {
    for (const bad of [null, undefined, '', 'x', '!!!', 'eyJ2IjoyLCJpZCI6MX0', btoa('{"v":1,"id":-3}'), btoa('{"v":1,"id":1.5}'), 'a'.repeat(500)]) {
      expect(decodeCursor(bad as string)).toBeNull();
    }
  });
});
