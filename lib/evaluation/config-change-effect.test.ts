import { describe, expect, it } from 'vitest';
import { configChangeEffect } from './config-change-effect';

describe('configChangeEffect', () => {
  const rm = { url: 'http://127.0.0.1/s', batch: true, normalize: { kind: 'sigmoid', center: 0, temperature: 1 } };
  it.each([
    ['regex', { pattern: 'a' }, { pattern: 'a' }, 'none'],
    ['regex', { pattern: 'a' }, { pattern: 'b' }, 'rescore'],
    ['regex', null, { pattern: 'b' }, 'rescore'],
    ['imported', { normalize: { kind: 'none' } }, { normalize: { kind: 'none' } }, 'none'],
    ['imported', { normalize: { kind: 'none' } }, { normalize: { kind: 'min-max', min: 0, max: 10 } }, 'renormalize'],
    ['imported', { normalize: { kind: 'none' } }, { name: 'rm', normalize: { kind: 'none' } }, 'renormalize'],
    ['imported', null, { normalize: { kind: 'none' } }, 'renormalize'],
    ['reward-model', rm, { ...rm, normalize: { kind: 'min-max', min: -5, max: 5 } }, 'renormalize'],
    ['reward-model', rm, { ...rm, url: 'http://127.0.0.1/other' }, 'rescore'],
    ['reward-model', rm, { ...rm, url: 'http://127.0.0.1/other', normalize: { kind: 'none' } }, 'rescore'],
  ])('%s: %j → %j is %s', (kind, before, next, effect) => expect(configChangeEffect(kind, before, next)).toBe(effect));
});
