import { describe, expect, it } from 'vitest';
import { configUrls, hostAllowed, isLoopbackHost, parseAllowedHosts } from './allowed-hosts';

describe('allowed hosts (SSRF guard)', () => {
  const byDefault = parseAllowedHosts(undefined);

  it.each([
    ['http://127.0.0.1:8000/score', true],
    ['http://127.1/score', true], // WHATWG normalises it to 127.0.0.1
    ['http://localhost:8000/score', true],
    ['http://[::1]:8000/score', true],
    ['http://2130706433/', true], // 127.0.0.1 as one number
    ['http://169.254.169.254/latest/meta-data', false],
    ['http://10.0.0.5/score', false],
    ['http://0.0.0.0:5432/', false],
    ['http://[::ffff:7f00:1]/', false],
    ['http://metadata.google.internal/', false],
    ['https://rm.example.com/score', false],
    ['file:///etc/passwd', false],
    ['not a url', false],
  ])('by default (loopback only): %s → %s', (url, ok) => expect(hostAllowed(url, byDefault)).toBe(ok));

  it('WINNOW_ALLOWED_HOSTS replaces the default; "loopback" and *.wildcards are understood', () => {
    const rules = parseAllowedHosts(' rm.internal , *.models.example.com ');
    expect(hostAllowed('http://rm.internal:9000/x', rules)).toBe(true);
    expect(hostAllowed('http://RM.internal/x', rules)).toBe(true);
    expect(hostAllowed('https://a.models.example.com/x', rules)).toBe(true);
    expect(hostAllowed('https://models.example.com/x', rules)).toBe(false);
    expect(hostAllowed('https://evilmodels.example.com/x', rules)).toBe(false);
    expect(hostAllowed('http://127.0.0.1/x', rules)).toBe(false);
    expect(hostAllowed('http://127.0.0.1/x', parseAllowedHosts('loopback,rm.internal'))).toBe(true);
  });

  it('hosts of configured Endpoints are allowed', () => {
    expect(hostAllowed('http://gpu-box:8000/score', byDefault, ['gpu-box'])).toBe(true);
    expect(hostAllowed('http://gpu-box2:8000/score', byDefault, ['gpu-box'])).toBe(false);
  });

  it('finds URLs at keys named url / …Url at any depth, not other strings', () => {
    expect(configUrls({ url: 'http://a/x', nested: { baseUrl: 'https://b/' }, list: [{ callbackURL: 'http://c/' }], schema: { $id: 'http://json-schema.org/x' }, note: 'http://d/' })).toEqual([
      { field: 'config.url', url: 'http://a/x' },
      { field: 'config.nested.baseUrl', url: 'https://b/' },
      { field: 'config.list.0.callbackURL', url: 'http://c/' },
    ]);
  });

  it('knows loopback names', () => {
    expect(['localhost', 'a.localhost', '127.8.9.10', '::1', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['localhost.example.com', '128.0.0.1', '0.0.0.0'].some(isLoopbackHost)).toBe(false);
  });
});
