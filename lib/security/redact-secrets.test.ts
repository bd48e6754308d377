import { afterEach, describe, expect, it } from 'vitest';
import { redactSecrets } from './redact-secrets';

describe('redactSecrets', () => {
  afterEach(() => delete process.env.TEST_KEY_VAR);

  it('removes the value of a named variable wherever it appears', () => {
    process.env.TEST_KEY_VAR = 'abcd-secret-value';
    expect(redactSecrets('401: bad key abcd-secret-value (abcd-secret-value)', ['TEST_KEY_VAR'])).toBe('401: bad key *** (***)');
  });

  it('removes key-shaped strings and bearer tokens even when not named', () => {
    expect(redactSecrets('Incorrect API key provided: sk-proj-1234567890abcdef')).toBe('Incorrect API key provided: sk-***');
    expect(redactSecrets('Authorization: Bearer xyz.123')).toBe('Authorization: Bearer ***');
  });

  it('ignores unset variables', () => {
    expect(redactSecrets('nothing here', ['UNSET_VAR', null])).toBe('nothing here');
  });
});
