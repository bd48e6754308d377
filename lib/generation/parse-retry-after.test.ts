import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_MS, parseDurationMs, parseRetryAfter, parseRetryAfterValue } from './parse-retry-after';

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');

  it('reads Retry-After seconds and HTTP-dates', () => {
    expect(parseRetryAfterValue('3', now)).toBe(3000);
    expect(parseRetryAfterValue('0.5', now)).toBe(500);
    expect(parseRetryAfterValue('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfterValue('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0); // already past
    expect(parseRetryAfterValue('soon', now)).toBeNull();
    expect(parseRetryAfterValue('-5', now)).toBeNull();
    expect(parseRetryAfterValue('', now)).toBeNull();
  });

  it('reads Go durations as OpenAI writes them', () => {
    expect(parseDurationMs('1s')).toBe(1000);
    expect(parseDurationMs('6m0s')).toBe(360_000);
    expect(parseDurationMs('20ms')).toBe(20);
    expect(parseDurationMs('1h2m3.5s')).toBe(3_723_500);
    expect(parseDurationMs('2.5')).toBe(2500);
    expect(parseDurationMs('1x')).toBeNull();
    expect(parseDurationMs('s')).toBeNull();
    expect(parseDurationMs(null)).toBeNull();
  });

  it('prefers retry-after-ms, then Retry-After, then the exhausted limit’s reset', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '250', 'retry-after': '1' }), now)).toBe(250);
    expect(parseRetryAfter(new Headers({ 'retry-after': '2', 'x-ratelimit-reset-requests': '9s' }), now)).toBe(2000);
    const resets = { 'x-ratelimit-reset-requests': '1s', 'x-ratelimit-reset-tokens': '6m0s' };
    expect(parseRetryAfter({ ...resets, 'x-ratelimit-remaining-tokens': '0', 'x-ratelimit-remaining-requests': '5' }, now)).toBe(360_000);
    expect(parseRetryAfter({ ...resets, 'x-ratelimit-remaining-requests': '0' }, now)).toBe(1000);
    expect(parseRetryAfter(resets, now)).toBe(1000);
  });

  it('accepts node-style header objects, and is null without a usable hint', () => {
    expect(parseRetryAfter({ 'Retry-After': ['4'] }, now)).toBe(4000);
    expect(parseRetryAfter({ 'retry-after': 'garbage' }, now)).toBeNull();
    expect(parseRetryAfter({}, now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it('caps absurd waits', () => {
    expect(parseRetryAfter({ 'retry-after': '86400' }, now)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter({ 'retry-after-ms': '99999999' }, now)).toBe(MAX_RETRY_AFTER_MS);
  });
});
