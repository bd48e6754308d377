import { describe, expect, it } from 'vitest';
import { derivePromptStatus, normalizeMessages, toPlainExcerpt } from './text';

describe('normalizeMessages', () => {
  it('keeps role/content chat arrays', () => {
    expect(
      normalizeMessages([
        { role: 'system', content: 'Be terse.' },
        { role: 'user', content: 'Hi' },
      ]),
    ).toEqual([
      { role: 'system', content: 'Be terse.' },
      { role: 'user', content: 'Hi' },
    ]);
  });

  it('treats a string as one user turn and tolerates junk', () => {
    expect(normalizeMessages('What is 2+2?')).toEqual([{ role: 'user', content: 'What is 2+2?' }]);
    expect(normalizeMessages(null)).toEqual([]);
    expect(normalizeMessages([42, { content: 'no role' }])).toEqual([
      { role: 'user', content: '42' },
      { role: 'user', content: 'no role' },
    ]);
  });

  it('flattens content parts; inline images are not embedded', () => {
    const [m] = normalizeMessages([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Look:' },
          { type: 'image_url', image_url: { url: 'https://x.test/a.png' } },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
        ],
      },
    ]);
    expect(m.content).toBe('Look:\n\n![image](https://x.test/a.png)\n\n[inline image]');
  });
});

describe('toPlainExcerpt', () => {
  it('flattens whitespace and strips invisible and bidi characters', () => {
    expect(toPlainExcerpt('  a\n\nb\t c\u202Ed\u200B\u0007e ')).toBe('a b cde');
  });

  it('cuts at max characters with an ellipsis, by code point', () => {
    expect(toPlainExcerpt('abcdef', 4)).toBe('abc…');
    expect(toPlainExcerpt('😀😀😀😀😀', 3)).toBe('😀😀…');
    expect(toPlainExcerpt('abc', 3)).toBe('abc');
    expect(toPlainExcerpt(null)).toBe('');
  });
});

describe('derivePromptStatus', () => {
  const base = { candidateCount: 4, acceptedCount: 0, pendingCount: 0, reviewed: false };
  it('orders review > none > accepted > pending > rejected', () => {
    expect(derivePromptStatus({ ...base, reviewed: true, acceptedCount: 1 })).toBe('reviewed');
    expect(derivePromptStatus({ ...base, candidateCount: 0 })).toBe('no-candidates');
    expect(derivePromptStatus({ ...base, acceptedCount: 2, pendingCount: 1 })).toBe('accepted');
    expect(derivePromptStatus({ ...base, pendingCount: 1 })).toBe('pending');
    expect(derivePromptStatus(base)).toBe('rejected');
  });
});
