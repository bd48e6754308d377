import { describe, expect, it } from 'vitest';
import { visibleControls } from './visible-controls';

describe('visibleControls', () => {
  it('shows bidi overrides and zero-width characters as code points', () => {
    expect(visibleControls('report\u202Elmth.jsonl')).toBe('report⟨U+202E⟩lmth.jsonl');
    expect(visibleControls('a\u200Bb\u2066c\u2069')).toBe('a⟨U+200B⟩b⟨U+2066⟩c⟨U+2069⟩');
    expect(visibleControls('nul\u0000')).toBe('nul⟨U+0000⟩');
  });

  it('leaves ordinary text, tabs, newlines, emoji and CJK alone', () => {
    const s = 'naïve 数据 🚀\ttab\nline';
    expect(visibleControls(s)).toBe(s);
  });
});
